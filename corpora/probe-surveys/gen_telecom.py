# A telecom survey, ~300 comments: passive story verbs said of the writer ("I was told it would be
# fixed", "we were asked to restart the router"), beside issues said of things, and deeds of the
# writer ("In the end I cancelled.", "We left for another provider.").
import random
from survey import either_order, write
r = random.Random(7)
told = ["I was told it would be fixed in {d} days.", "We were told an engineer would come on {w}.",
        "I was asked to restart the router again.", "We were promised a refund that never came.",
        "I was transferred {n} times.", "I was charged twice for {m}.", "We were overcharged for {m}.",
        "I was told to wait for a call back."]
things = ["The internet drops every evening.", "The bill is wrong again.", "The router keeps disconnecting.",
          "Signal is awful in the kitchen.", "The app is slow."]
good = ["The engineer was friendly and quick.", "Fast internet and a fair price.", "Support sorted it in minutes.",
        "The new router is great."]
deeds = ["In the end I cancelled.", "We switched to another provider.", "I gave up."]
months = ["March", "April", "May"]
rows = []
for i in range(300):
    k = r.random()
    if k < 0.3:
        parts = [r.choice(told).format(d=r.choice([2,3,5]), w=r.choice(["Monday","Friday"]), n=r.choice([3,4,5]), m=r.choice(months))]; score = r.randint(0, 4)
    elif k < 0.65:
        parts = [r.choice(things)]; score = r.randint(1, 6)
    else:
        parts = [r.choice(good)]; score = r.randint(7, 10)
    if score <= 4 and r.random() < 0.4:
        parts.append(r.choice(deeds))
    rows.append((score, either_order(r, parts)))
write(rows)
