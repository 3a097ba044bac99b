"""Entity mentions, one module per entity class (`people`, `places`, `bodies`, `orders` and the orders named by
common nouns, `order_nouns`), shared name handling in `names`; `named` and `nominal` run them over a document.

Keys are document-independent where the text identifies the thing on its own (a full name, a gazetteer place, an
executive-order number, a U.S. Code section), so documents merge; and scoped to the document where only this text
identifies it ("the memo", "nine jurisdictions").
"""
