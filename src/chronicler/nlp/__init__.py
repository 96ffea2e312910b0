"""The NLP layer: loading the spaCy pipeline with chronicler's components, and the parse text."""
