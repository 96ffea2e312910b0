"""Learned parts' shared model: sparse string features -> multinomial logistic regression -> calibrated
probabilities, stored as plain JSON and predicted in pure Python (``linear``); fitted, cross-validated and
calibrated with scikit-learn by the training scripts only (``fit``)."""
