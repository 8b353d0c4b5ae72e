"""The interpersonal inventory and closeness circle (Day 2).

``InventoryBuilder(save_path="my-inventory.json")`` is the widget a teaching notebook shows (the
same class as :class:`InventoryView`). Its state lives in :class:`InventoryModel` (no widgets);
the people and their rules in ``people``; where each person sits in ``layout`` (pure geometry);
the picture in ``drawing``.
"""

from ipt_course.tools.inventory.drawing import closeness_circle_figure, closeness_circle_png
from ipt_course.tools.inventory.layout import (
    LabelSize,
    best_layout,
    label_box,
    layout_people,
    ring_edges,
)
from ipt_course.tools.inventory.model import InventoryModel
from ipt_course.tools.inventory.people import (
    CONTACT_OPTIONS,
    MAX_PEOPLE,
    RING_LABELS,
    TEXT_FIELDS,
    InventoryDocument,
    InventoryError,
    InventoryFileError,
    Person,
    balance_category,
    example_inventory,
    inventory_guidance,
    parse_inventory_file,
    person_from_dict,
    validate_person,
)
from ipt_course.tools.inventory.view import NEW_PERSON, InventoryView

# The name the Day 2 notebook uses.
InventoryBuilder = InventoryView

__all__ = [
    "CONTACT_OPTIONS",
    "MAX_PEOPLE",
    "NEW_PERSON",
    "RING_LABELS",
    "TEXT_FIELDS",
    "InventoryBuilder",
    "InventoryDocument",
    "InventoryError",
    "InventoryFileError",
    "InventoryModel",
    "InventoryView",
    "LabelSize",
    "Person",
    "balance_category",
    "best_layout",
    "closeness_circle_figure",
    "closeness_circle_png",
    "example_inventory",
    "inventory_guidance",
    "label_box",
    "layout_people",
    "parse_inventory_file",
    "person_from_dict",
    "ring_edges",
    "validate_person",
]
