"""graph.html of `kg analyze` in a real browser (headless chromium, Selenium): it opens at a readable zoom, its
search finds a node by name or alias and focuses it, and its legend's filters hide nodes by class and edges by
fact type. The page is opened from a file, as a reader of the report does: nothing is served or fetched.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from browser import browser_missing, chromium

from kg.analysis.interactive import write_interactive

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

if browser_missing():
    pytest.skip(browser_missing(), allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402  (only once the browser is known to be there)
from selenium.webdriver.common.keys import Keys  # noqa: E402

NODES = {  # id: (label, class, kind, aliases)
    "trump": ("Donald Trump", "Person", "actor", ["President Trump"]),
    "eo": ("Executive Order 13768", "ExecutiveOrder", "order", []),
    "sf": ("San Francisco", "City", "jurisdiction", []),
    "seattle": ("Seattle", "City", "jurisdiction", []),
    "mdc": ("Miami-Dade County", "County", "jurisdiction", []),
    "doj": ("Department of Justice", "GovernmentBody", "actor", []),
}
EDGES = [  # (from, to, key, type): San Francisco both challenged and opposed; Miami-Dade complied, then opposed
    ("trump", "eo", "issued", "issued"),
    ("sf", "eo", "challenge", "opposes"),
    ("sf", "eo", "oppose", "opposes"),
    ("seattle", "eo", "challenge", "opposes"),
    ("mdc", "eo", "comply", "complies_with"),
    ("mdc", "eo", "oppose", "opposes"),
    ("doj", "mdc", "threatened", "funds"),
]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = nx.MultiDiGraph()
    for node, (label, cls, kind, aliases) in NODES.items():
        graph.add_node(node, label=label, kind=kind, aliases=aliases, evidence_count=1, **{"class": cls})
    for first, second, key, kind in EDGES:
        graph.add_edge(first, second, key=key, type=kind, sentences=[f"{first} {kind} {second}."], weight=1)
    return write_interactive(graph, tmp_path_factory.mktemp("graph") / "graph.html", "Test graph")


@pytest.fixture()
def driver(page: Path) -> Iterator[object]:
    with chromium() as browser:
        browser.get(page.as_uri())
        deadline = time.monotonic() + 30
        while not browser.execute_script("return Boolean(window.kgGraph && window.kgGraph.ready)"):
            assert time.monotonic() < deadline, "the graph did not settle"
            time.sleep(0.1)
        yield browser


def visible_nodes(driver: object) -> set[str]:
    return set(driver.execute_script("return window.kgGraph.visibleNodes()"))


def visible_edges(driver: object) -> dict[tuple[str, str], str]:
    edges = driver.execute_script("return window.kgGraph.visibleEdges()")
    return {(edge["from"], edge["to"]): edge["label"] for edge in edges}


def test_opens_at_a_readable_zoom_with_a_heading_and_merged_edges(driver: object) -> None:
    assert driver.find_element(By.ID, "graph-title").text == "Test graph"
    assert driver.execute_script("return window.kgGraph.network.getScale()") >= 0.8 - 1e-6
    assert visible_nodes(driver) == set(NODES)
    edges = visible_edges(driver)
    assert len(edges) == 5  # seven facts, five pairs of nodes
    assert edges["sf", "eo"] == "opposes ×2" and edges["mdc", "eo"] == "complies_with, opposes"


def test_search_finds_a_node_by_name_or_alias_and_focuses_it(driver: object) -> None:
    box = driver.find_element(By.ID, "graph-search")
    box.send_keys("seat")
    results = driver.find_elements(By.CSS_SELECTOR, "#search-results button")
    assert [button.text for button in results] == ["Seattle"]
    results[0].click()
    assert driver.execute_script("return window.kgGraph.network.getSelectedNodes()") == ["seattle"]

    box.clear()
    box.send_keys("president", Keys.ENTER)  # an alias; Enter takes the first match
    assert [b.text for b in driver.find_elements(By.CSS_SELECTOR, "#search-results button")] == ["Donald Trump"]
    assert driver.execute_script("return window.kgGraph.network.getSelectedNodes()") == ["trump"]


def test_filters_hide_nodes_by_class_and_edges_by_fact_type(driver: object) -> None:
    driver.find_element(By.CSS_SELECTOR, '#class-filters input[data-class="City"]').click()
    assert visible_nodes(driver) == set(NODES) - {"sf", "seattle"}
    assert not any("sf" in pair or "seattle" in pair for pair in visible_edges(driver))

    driver.find_element(By.CSS_SELECTOR, '#type-filters input[data-type="opposes"]').click()
    edges = visible_edges(driver)
    assert edges == {("trump", "eo"): "issued", ("mdc", "eo"): "complies_with", ("doj", "mdc"): "funds"}

    driver.find_element(By.CSS_SELECTOR, '#class-filters input[data-class="City"]').click()
    driver.find_element(By.CSS_SELECTOR, '#type-filters input[data-type="opposes"]').click()
    assert visible_nodes(driver) == set(NODES) and len(visible_edges(driver)) == 5
