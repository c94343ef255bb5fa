"""The DuckDB store: schema, the filter table, connections and queries. It stores and answers; it
never reads files or runs the analysis."""
from claimatlas.store.filters import FILTERS, Filters, from_query_params, to_query_params
from claimatlas.store.store import Store, claim_of_row

__all__ = ["FILTERS", "Filters", "Store", "claim_of_row", "from_query_params", "to_query_params"]
