"""A scaler and an SVM in a Pipeline, on the digits data."""
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

x, y = load_digits(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, random_state=0)
model = Pipeline([
    ("scale", StandardScaler()),
    ("svc", SVC(C=10.0, gamma=0.001, kernel="rbf")),
])
model.fit(x_train, y_train)
print(model)
print("EXPERIMENTHUB accuracy=%.6f" % model.score(x_test, y_test))
