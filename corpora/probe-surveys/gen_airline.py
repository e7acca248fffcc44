# An airline survey, ~300 comments: delays said of the writer ("I was stuck at the gate for five
# hours", "we were late for our connection", "I was stranded overnight"), beside feelings and
# issues said of things.
import random
from survey import add_feeling, either_order, write
r = random.Random(5)
stuck = ["I was stuck at the gate for {h} hours.", "We were stuck on the tarmac for {h} hours with no water.",
         "I was stranded overnight in {c} with no hotel.", "We were stranded in {c} after the cancellation.",
         "I was late for my connecting flight.", "We were late for the wedding because of the delay.",
         "I was unable to rebook online.", "We were stuck in {c} for {h} hours.", "I was late for a job interview.",
         "I was stuck in the queue at the transfer desk for {h} hours."]
things = ["The seats were cramped and the legroom was awful.", "My bag was lost and nobody called back.",
          "The food on board was cold.", "The app would not let me check in.", "Boarding was chaotic."]
good = ["The crew were friendly and helpful.", "Smooth flight and a great landing.", "Comfortable seats and good food.",
        "The lounge was excellent."]
feel_neg = ["I was really disappointed.", "We were so frustrated.", "I was upset.", "I was furious."]
feel_pos = ["We were thrilled.", "I was delighted.", "I was impressed."]
cities = ["Frankfurt", "Madrid", "Chicago", "Dubai", "Lisbon"]
rows = []
for i in range(300):
    k = r.random()
    if k < 0.3:
        parts = [r.choice(stuck).format(h=r.choice([3,4,5,6,8]), c=r.choice(cities))]; score = r.randint(0, 4)
    elif k < 0.65:
        parts = [r.choice(things)]; score = r.randint(1, 6)
    else:
        parts = [r.choice(good)]; score = r.randint(7, 10)
    add_feeling(r, parts, score, feel_neg, feel_pos, 0.6)
    rows.append((score, either_order(r, parts)))
write(rows)
