"""wiktlex ingest: raw pages from dumps, the MediaWiki API and files, and the store that
remembers their revisions. Hands `RawPage`s to the rest; imports neither parse nor export.
"""

from __future__ import annotations

from wiktlex.ingest.api import (
    DEFAULT_API_URL,
    ApiFetcher,
    Change,
    FetchResult,
    RetryPolicy,
)
from wiktlex.ingest.dump import read_dump
from wiktlex.ingest.errors import (
    DumpError,
    DumpIndexError,
    FetchError,
    IngestError,
    PolitenessError,
)
from wiktlex.ingest.files import (
    filename_for_title,
    read_file,
    read_files,
    stem_for_title,
    title_from_filename,
    title_from_stem,
)
from wiktlex.ingest.multistream import (
    DumpShard,
    MultistreamIndex,
    find_index,
    plan_shards,
    read_page,
    read_shard,
)
from wiktlex.ingest.sources import ApiOptions, Source, SourceError, open_source
from wiktlex.ingest.store import PageEvent, PageStatus, RawStore, UpsertStats
from wiktlex.ingest.sync import LAST, FetchReport, fetch_into_store

__all__ = [
    "DEFAULT_API_URL",
    "LAST",
    "ApiFetcher",
    "ApiOptions",
    "Change",
    "DumpError",
    "DumpIndexError",
    "DumpShard",
    "FetchError",
    "FetchReport",
    "FetchResult",
    "IngestError",
    "MultistreamIndex",
    "PageEvent",
    "PageStatus",
    "PolitenessError",
    "RawStore",
    "RetryPolicy",
    "Source",
    "SourceError",
    "UpsertStats",
    "fetch_into_store",
    "filename_for_title",
    "find_index",
    "open_source",
    "plan_shards",
    "read_dump",
    "read_file",
    "read_files",
    "read_page",
    "read_shard",
    "stem_for_title",
    "title_from_filename",
    "title_from_stem",
]
