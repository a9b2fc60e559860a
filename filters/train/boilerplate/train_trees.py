#!/usr/bin/python3
"""Trains the boilerplate model: gradient-boosted trees (XGBoost, Debian's
python3-xgboost) on the examples winnow-train-boilerplate writes, and saves
them in the project's tree format (filters/train/boilerplate/README.md).

Usage: train_trees.py EXAMPLES OUT

EXAMPLES is LIBSVM text (label, then index:value, 1-based), one block a line.
The settings below were chosen on the L3S dev split and the team's seed gold;
XGBoost's exact greedy method on one thread, with no sampling, draws no random
numbers: the same examples give the same file, byte for byte.
"""
import json
import math
import sys
import tempfile

import numpy as np
import xgboost as xgb

FEATURES = 58  # model_feature_count in filters/src/boilerplate_internal.hpp
PARAMS = {
    "objective": "binary:logistic",
    "tree_method": "exact",
    "nthread": 1,
    "seed": 0,
    "max_depth": 4,
    "eta": 0.05,
    "min_child_weight": 50,
    "reg_lambda": 1.0,
    "base_score": 0.5,
}
ROUNDS = 200


def trees_of(booster):
    """The booster's trees as lists of nodes, and each tree's nodes' shares
    of the training examples (hessian sums), from its JSON model: exact
    float32 split values, which the text dump rounds."""
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        booster.save_model(f.name)
        with open(f.name) as saved:
            model = json.load(saved)
    learner = model["learner"]
    base = float(learner["learner_model_param"]["base_score"])
    trees, hessians = [], []
    for tree in learner["gradient_booster"]["model"]["trees"]:
        hessians.append(tree["sum_hessian"])
        left, right = tree["left_children"], tree["right_children"]
        nodes = []
        for n in range(len(left)):
            if left[n] == -1:
                nodes.append(("leaf", float(np.float32(tree["split_conditions"][n]))))  # a leaf's value
            else:
                nodes.append(("split", tree["split_indices"][n], float(np.float32(tree["split_conditions"][n])),
                              left[n], right[n], bool(tree["default_left"][n]), tree["sum_hessian"][n]))
        trees.append(nodes)
    return base, trees, hessians


def write(path, base, trees, hessians):
    margin = math.log(base / (1 - base))
    with open(path, "w") as out:
        out.write("winnow-boilerplate-trees 1\n")
        out.write(f"features {FEATURES}\n")
        out.write(f"base {margin:.9g}\n")
        out.write(f"trees {len(trees)}\n")
        for nodes, hess in zip(trees, hessians):
            values = tree_values(nodes, hess)
            out.write(f"tree {len(nodes)}\n")
            for n, node in enumerate(nodes):
                if node[0] == "leaf":
                    out.write(f"{n} leaf {node[1]:.9g}\n")
                else:
                    _, feature, threshold, yes, no, default_left, _ = node
                    out.write(f"{n} {feature} {threshold:.9g} {yes} {no} {'yes' if default_left else 'no'} "
                              f"{values[n]:.9g}\n")


def tree_values(nodes, hess):
    """Value of each node: the hessian-weighted mean of its leaves."""
    values = [0.0] * len(nodes)

    def fill(n):
        node = nodes[n]
        if node[0] == "leaf":
            values[n] = node[1]
            return hess[n]
        _, _, _, yes, no, _, _ = node
        w_yes, w_no = fill(yes), fill(no)
        values[n] = (values[yes] * w_yes + values[no] * w_no) / max(w_yes + w_no, 1e-12)
        return w_yes + w_no

    fill(0)
    return values


def predict(base, trees, x):
    """The file's own reading of one example, as the indexer reads it."""
    margin = math.log(base / (1 - base))
    for nodes in trees:
        n = 0
        while nodes[n][0] == "split":
            _, feature, threshold, yes, no, _, _ = nodes[n]
            n = yes if np.float32(x[feature]) < np.float32(threshold) else no
        margin += nodes[n][1]
    return 1 / (1 + math.exp(-margin))


def read_examples(path):
    """LIBSVM text: a label, then index:value pairs (1-based); absent is 0."""
    labels, rows = [], []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            row = np.zeros(FEATURES, dtype=np.float32)
            for pair in parts[1:]:
                index, value = pair.split(":")
                row[int(index) - 1] = np.float32(value)
            labels.append(float(parts[0]))
            rows.append(row)
    return np.array(rows, dtype=np.float32), np.array(labels)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: train_trees.py EXAMPLES OUT")
    x, y = read_examples(sys.argv[1])
    data = xgb.DMatrix(x, label=y, missing=np.nan)
    booster = xgb.train(PARAMS, data, num_boost_round=ROUNDS)
    base, trees, hessians = trees_of(booster)
    write(sys.argv[2], base, trees, hessians)
    # The file must read as XGBoost reads the booster: checked on a sample.
    expected = booster.predict(xgb.DMatrix(x[:2000], missing=np.nan))
    for i, p in enumerate(expected):
        got = predict(base, trees, x[i])
        if abs(got - p) > 1e-5:
            sys.exit(f"train_trees.py: example {i}: the written trees give {got}, XGBoost {p}")
    print(f"{len(y)} examples ({int(y.sum())} content), {len(trees)} trees of depth {PARAMS['max_depth']}: "
          f"{sys.argv[2]}")


if __name__ == "__main__":
    main()
