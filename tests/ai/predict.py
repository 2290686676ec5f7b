# Load the model train.py saved, in a fresh process, and predict: the
# loader half of the live PyTorch test (torch.bats).
# usage: python3 predict.py MODEL
import sys

import torch

net = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
net.load_state_dict(torch.load(sys.argv[1]))
net.eval()
with torch.no_grad():
    out = net(torch.tensor([[0.0, 1.0], [1.0, 1.0]])).flatten().tolist()
print("predicted: " + " ".join("%.2f" % v for v in out))
