"""The interpersonal inventory and closeness circle (Day 2).

``InventoryBuilder(save_path="my-inventory.json")`` is the widget a teaching notebook shows. The
state lives in :class:`InventoryModel` (no widgets); the drawing is :func:`closeness_circle_png`.
"""

from ipt_course.tools.inventory.drawing import (
    FONT_SIZES,
    STYLES,
    closeness_circle_figure,
    closeness_circle_png,
)
from ipt_course.tools.inventory.layout import (
    LABEL_GAP,
    LIMIT,
    MARKER_RADIUS,
    RING_EDGES,
    Box,
    LabelSize,
    best_layout,
    label_box,
    layout_people,
    ring_edges,
)
from ipt_course.tools.inventory.model import (
    InventoryModel,
    parse_inventory_file,
)
from ipt_course.tools.inventory.people import (
    CONTACT_OPTIONS,
    FILE_FORMAT,
    FILE_KIND,
    MAX_PEOPLE,
    PERSON_KEYS,
    RING_LABELS,
    TABLE_COLUMNS,
    TEXT_FIELDS,
    InventoryError,
    Person,
    balance_category,
    example_inventory,
    inventory_guidance,
    person_from_dict,
    validate_person,
)
from ipt_course.tools.inventory.view import (
    NEW_PERSON,
    TABLE_STYLE,
    InventoryBuilder,
)

__all__ = [
    "CONTACT_OPTIONS",
    "FILE_FORMAT",
    "FILE_KIND",
    "FONT_SIZES",
    "LABEL_GAP",
    "LIMIT",
    "MARKER_RADIUS",
    "MAX_PEOPLE",
    "NEW_PERSON",
    "PERSON_KEYS",
    "RING_EDGES",
    "RING_LABELS",
    "STYLES",
    "TABLE_COLUMNS",
    "TABLE_STYLE",
    "TEXT_FIELDS",
    "Box",
    "InventoryBuilder",
    "InventoryError",
    "InventoryModel",
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
