"""The strategy map (Day 6).

``StrategyMap()`` (the same class as :class:`StrategyMapView`) lays out one course of IPT from
assessment to ending: the phases, the four problem areas and the threads through every phase,
each with its goals, strategies and techniques, and where this course teaches, practises and
assesses it. The clinical content is in ``data/map.yaml``; the places are found in
``course.yaml``, the notebooks, the scenarios and the quiz banks, so the map follows the course.
"""

from ipt_course.tools.strategy_map.links import CourseIndex, Link, QuizItems, StrandLinks
from ipt_course.tools.strategy_map.model import OVERVIEW, StrategyMapModel, TechniqueUse
from ipt_course.tools.strategy_map.schema import (
    MapDataError,
    Strand,
    Strategy,
    StrategyMapData,
    read_map,
    strategy_map_data,
)
from ipt_course.tools.strategy_map.view import StrategyMapView, short_label

# The name the Day 6 notebook uses.
StrategyMap = StrategyMapView

__all__ = [
    "OVERVIEW",
    "CourseIndex",
    "Link",
    "MapDataError",
    "QuizItems",
    "Strand",
    "StrandLinks",
    "Strategy",
    "StrategyMap",
    "StrategyMapData",
    "StrategyMapModel",
    "StrategyMapView",
    "TechniqueUse",
    "read_map",
    "short_label",
    "strategy_map_data",
]
