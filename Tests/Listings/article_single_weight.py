# The single-weight article's final program: input 0.2, goal 8, weight 10,
# the prediction rounded to two places, alpha 18, until the error is zero.
# (Typed from the course notes: Tests/Fixtures/REFERENCE.md, example 1.)
def neural_network(input, weight):
    predicted_value = input * weight
    return predicted_value

input = 0.2
expected_value = 8
weight = 10
alpha = 18

rounds = 0
while True:
    predicted_value = round(neural_network(input, weight), 2)
    error = (predicted_value - expected_value) ** 2
    derivative = input * (predicted_value - expected_value)
    weight -= alpha * derivative
    rounds += 1
    print("Round {}: predicted {}, error {}, new weight {}".format(rounds, predicted_value, error, weight))
    if error == 0:
        break

print("Done in {} rounds, the weight is {:.3f}".format(rounds, weight))
