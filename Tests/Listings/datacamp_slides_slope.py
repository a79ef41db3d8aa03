# DataCamp, "Introduction to Deep Learning in Python", the slides on slopes:
# one weight (prediction 6, target 10, input 3), then two weights with numpy.
import numpy as np

weight = 2
input_data = 3
target = 10
preds = weight * input_data
error = preds - target
slope = 2 * input_data * error
print(slope)

weights = np.array([1, 2])
input_data = np.array([3, 4])
target = 6
learning_rate = 0.01
preds = (weights * input_data).sum()
error = preds - target
print(error)

gradient = 2 * input_data * error
print(gradient)

weights_updated = weights - learning_rate * gradient
preds_updated = (weights_updated * input_data).sum()
error_updated = preds_updated - target
print(error_updated)
