"""Settings of the benchmarks' gunicorn: the project's own, plus one bare view (bench_urls).

Nothing else differs: the limits of the public portal are lifted for a benchmark through the
environment variables the project documents (benchmarks/post.py), not here.
"""

from fazhi.settings import *  # noqa: F403
from fazhi.settings import CACHES, REDIS_URL

ROOT_URLCONF = "benchmarks.bench_urls"

if REDIS_URL:
    # A shared Redis may also serve a real installation: the benchmark's counters (rate limits,
    # the site-wide ceiling of online applications) must not count against it.
    CACHES["default"]["KEY_PREFIX"] = "fazhi-bench"
