"""The IPT Level A course engine: manifest, role-play, quizzes, grading and live days."""

from pathlib import Path

__version__ = "0.1.0"


def course_root(start: Path | None = None) -> Path:
    """Return the course root: the nearest folder at or above ``start`` holding course.yaml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "course.yaml").is_file():
            return folder
    raise FileNotFoundError(
        f"No course.yaml found in {here} or any folder above it; "
        "run this from inside the course folder."
    )
