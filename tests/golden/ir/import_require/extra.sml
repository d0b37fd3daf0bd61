Extra = 1 + 1
