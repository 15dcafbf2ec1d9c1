# make_pipeline with PCA and a random forest; the estimators are given positionally and by keyword.
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
clf = make_pipeline(
    PCA(20, random_state=0),
    RandomForestClassifier(50, max_depth=8, min_samples_leaf=2, max_features="sqrt", random_state=0),
)
clf.fit(X_train, y_train)
print(clf)
print(f"EXPERIMENTHUB accuracy={clf.score(X_test, y_test):.6f}")
