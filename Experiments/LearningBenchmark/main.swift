print("learning benchmark")
