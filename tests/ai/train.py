# Train a tiny network (XOR) and save it with torch.save: the writer half
# of the live PyTorch test (torch.bats). usage: python3 train.py MODEL
import sys

import torch

torch.manual_seed(0)
x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
net = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for _ in range(2000):
    opt.zero_grad()
    loss = torch.nn.functional.mse_loss(net(x), y)
    loss.backward()
    opt.step()
torch.save(net.state_dict(), sys.argv[1])
print("trained: loss %.4f" % loss.item())
