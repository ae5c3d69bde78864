"""One APIRouter per resource; main.py includes them."""
