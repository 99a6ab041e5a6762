"""What marsad knows before it reads a word: places and actors, loaded from data files."""
from .actors import ActorRegistry, load_actors
from .gazetteer import Gazetteer, load_gazetteer

__all__ = ["ActorRegistry", "Gazetteer", "load_actors", "load_gazetteer"]
