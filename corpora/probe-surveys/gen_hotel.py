# A hotel survey, ~320 comments: issues said as an adjective of the writer ("I was sick after the
# buffet", "we were freezing all night", "I was too hot to sleep"), next to feelings ("I was
# disappointed", "we were thrilled") and issues said of things ("the wifi kept dropping").
import random
from survey import add_feeling, either_order, write
r = random.Random(11)
sick = ["I was sick all night after the buffet.", "We were ill for two days after dinner in the hotel restaurant.",
        "My husband and I were sick after the seafood platter.", "I felt sick after the breakfast eggs.",
        "Two of us were violently ill after the room service burger.", "I was sick the whole next day after the sushi bar.",
        "We were all sick after the welcome drinks.", "I was ill after eating at the pool bar."]
temp = ["I was freezing all night because the heating was broken.", "We were cold the whole stay, the radiator never worked.",
        "I was too hot to sleep, the air conditioning did nothing.", "We were boiling in the room, the window would not open.",
        "I was cold even with two blankets.", "We were hot and sweaty all night, the fan was broken."]
noise = ["The street noise kept us awake.", "The wifi kept dropping in the room.", "The room smelled of smoke.",
         "Check-in took an hour.", "The breakfast was cold and the coffee was weak.", "The pool was closed."]
good = ["The staff were lovely and the view was stunning.", "Great location near the beach.",
        "The bed was comfortable and the room was spotless.", "Breakfast was excellent with fresh fruit."]
feel_neg = ["I was really disappointed.", "We were so frustrated.", "I was upset.", "We were annoyed."]
feel_pos = ["We were thrilled.", "I was delighted.", "We were so happy.", "I was impressed."]
rows = []
for i in range(320):
    k = r.random()
    if k < 0.2:
        parts = [r.choice(sick)]; score = r.randint(0, 4)
    elif k < 0.4:
        parts = [r.choice(temp)]; score = r.randint(0, 5)
    elif k < 0.7:
        parts = [r.choice(noise)]; score = r.randint(2, 6)
    else:
        parts = [r.choice(good)]; score = r.randint(7, 10)
    add_feeling(r, parts, score, feel_neg, feel_pos, 0.6)
    rows.append((score, either_order(r, parts)))
write(rows)
