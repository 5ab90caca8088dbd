"""Names as people read them, the same on every screen and in every report."""


def category_label(category: str) -> str:
    """"ml_system_design" -> "ml system design"."""
    return category.replace("_", " ")
