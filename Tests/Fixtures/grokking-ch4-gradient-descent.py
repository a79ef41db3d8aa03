# Grokking Deep Learning (Andrew W. Trask, Manning 2019), chapter 4:
# gradient descent on one weight, twenty steps. As listed in the book's
# companion notebook, github.com/iamtrask/Grokking-Deep-Learning,
# "Chapter4 - Gradient Descent - Intro to Neural Learning.ipynb"
# (section "Breaking Gradient Descent", first cell).
weight = 0.5
goal_pred = 0.8
input = 0.5

for iteration in range(20):
    pred = input * weight
    error = (pred - goal_pred) ** 2
    delta = pred - goal_pred
    weight_delta = input * delta
    weight = weight - weight_delta
    print("Error:" + str(error) + " Prediction:" + str(pred))
