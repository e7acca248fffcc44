# A restaurant survey, ~260 comments; food poisoning said as the writer's adjective in a sentence
# of its own ("We had the mussels. I was sick all night."), beside feelings and issues of things.
import random
from survey import add_feeling, write
r = random.Random(3)
ate = ["We had the mussels.", "I ordered the chicken curry.", "We shared the seafood platter.", "I had the burger.",
       "We tried the tasting menu.", "I had the oysters."]
sick = ["I was sick all night.", "We were ill for two days afterwards.", "I felt sick an hour later.",
        "I was violently ill the next morning.", "Both of us were sick that night.", "I was sick for three days.",
        "My wife was ill the whole weekend.", "I was sick the next day."]
things = ["The waiter was rude and ignored us.", "We waited forty minutes for our starters.", "The music was far too loud.",
          "The bill had a service charge we did not ask for.", "The table was sticky and the cutlery dirty."]
good = ["The pasta was delicious and the staff were lovely.", "Great wine list and friendly service.",
        "The dessert was amazing.", "Cosy atmosphere and fair prices."]
feel_neg = ["I was really disappointed.", "We were so frustrated.", "I was upset.", "I was furious."]
feel_pos = ["We were thrilled.", "I was delighted.", "I was impressed."]
rows = []
for i in range(260):
    k = r.random()
    if k < 0.27:
        parts = [r.choice(ate), r.choice(sick)]; score = r.randint(0, 3)
    elif k < 0.62:
        parts = [r.choice(things)]; score = r.randint(1, 6)
    else:
        parts = [r.choice(good)]; score = r.randint(7, 10)
    add_feeling(r, parts, score, feel_neg, feel_pos, 0.5)
    rows.append((score, " ".join(parts)))
write(rows)
