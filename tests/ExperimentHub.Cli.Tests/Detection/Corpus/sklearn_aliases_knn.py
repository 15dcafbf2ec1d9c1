# Modules imported under aliases and a renamed class, in a grid of two models.
import sklearn.neighbors as nb
from sklearn import datasets as ds, model_selection as ms
from sklearn.tree import DecisionTreeClassifier as Tree

data = ds.load_wine()
a, b, c, d = ms.train_test_split(data.data, data.target, random_state=7)
for name, model in (("knn", nb.KNeighborsClassifier(7, weights="distance")), ("tree", Tree(max_depth=4, criterion="entropy", random_state=0))):
    model.fit(a, c)
    print(name, model)
    print("EXPERIMENTHUB %s_accuracy=%.6f" % (name, model.score(b, d)))
