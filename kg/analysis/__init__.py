"""Graph analysis: networkx projections of the store, analyses that answer policy questions, and a report.

- `projections`: the store as networkx graphs (actor-order graph, actor network, funding graph,
  jurisdiction hierarchy), filtered by date, document and fact type;
- `analyses`: centrality, coalitions, funding exposure, explained paths, timeline, events;
- `layout`: label placement, date ticks and the colours all pictures share;
- `render`: PNG plots and GraphML; `interactive`: the offline interactive HTML graph;
- `report`: all of it in one folder with a Markdown and HTML summary.
"""

from kg.analysis.analyses import (
    Bloc,
    CentralityRow,
    Coalitions,
    Event,
    ExposureRow,
    Hop,
    Opposition,
    TimelineRow,
    centrality,
    coalitions,
    events,
    explain_path,
    funding_exposure,
    timeline,
)
from kg.analysis.projections import (
    FactRecord,
    NodeInfo,
    actor_network,
    actor_order_graph,
    fact_records,
    funding_graph,
    jurisdiction_hierarchy,
    nodes,
)
from kg.analysis.report import report

__all__ = [
    "Bloc",
    "CentralityRow",
    "Coalitions",
    "Event",
    "ExposureRow",
    "FactRecord",
    "Hop",
    "NodeInfo",
    "Opposition",
    "TimelineRow",
    "actor_network",
    "actor_order_graph",
    "centrality",
    "coalitions",
    "events",
    "explain_path",
    "fact_records",
    "funding_exposure",
    "funding_graph",
    "jurisdiction_hierarchy",
    "nodes",
    "report",
    "timeline",
]
