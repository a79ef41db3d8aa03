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
    print("Round {}: error {}, prediction {}, weight {}".format(rounds, error, predicted_value, weight))
    if error == 0 or rounds == 10:
        break
print(f"Final weight: {weight:.3f} after {rounds} rounds")
