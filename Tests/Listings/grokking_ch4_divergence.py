# Grokking Deep Learning, chapter 4, "Breaking gradient descent": input 2 diverges.
weight = 0.5
goal_pred = 0.8
input = 2

for iteration in range(20):
    pred = input * weight
    error = (pred - goal_pred) ** 2
    derivative = input * (pred - goal_pred)
    weight = weight - derivative

    print("Error:" + str(error) + " Prediction:" + str(pred))
