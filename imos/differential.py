"""The public front door of the engine: `imos.differential.evaluate(findings)`.

The engine lives in `imos.reasoning.engine`; this module keeps the public import path.
"""

from imos.reasoning.engine import *  # noqa: F401,F403
