# A bank app survey, ~320 comments, templates of issues said with the writer as clause subject
# ("I was charged", "I was locked out", "I waited on hold") and of feelings ("I was frustrated").
import random
from survey import add_feeling, either_order, write
r = random.Random(7)
fees = ["an overdraft fee", "a fee for a transfer", "twice for the same payment", "a foreign transaction fee",
        "a monthly fee nobody told me about", "interest on a balance I had already paid", "a late fee even though I paid on time",
        "for a card replacement", "a fee to withdraw my own money", "for a transfer that never arrived"]
charged = ["I was charged {f}.", "I got charged {f}.", "We were charged {f}.", "I was charged {f} and nobody could explain it.",
           "Last month I was charged {f}.", "I keep getting charged {f}.", "Again I was charged {f}."]
locked = ["I was locked out of my account after the update.", "I got locked out again after entering my password once.",
          "We were locked out of the joint account for a week.", "I was locked out and had to call three times.",
          "I keep getting locked out of the app.", "I was locked out while abroad with no way to pay."]
waited = ["I waited {n} minutes on hold.", "I was kept on hold for {n} minutes.", "We waited {n} minutes to speak to anyone.",
          "I was on hold for {n} minutes and then the call dropped.", "I waited {n} minutes in the branch queue."]
crash = ["The app crashes every time I open the statements.", "The app keeps crashing when I try to pay a bill.",
         "The app froze during a transfer.", "The new app version crashes on my phone.", "The app is slow and crashes."]
transfer = ["My transfer took five days to arrive.", "The transfer is still pending after a week.",
            "Transfers to other banks are slow.", "A payment to my landlord never arrived."]
good = ["The app is easy to use and the budgeting tool is great.", "Transfers are instant and free.",
        "The staff at my branch are helpful.", "Paying bills is quick in the app.", "Great interest rate on savings.",
        "Customer service sorted my card in one call."]
feel_neg = ["I am so frustrated.", "I was really disappointed.", "I am fed up.", "I feel ignored.", "I was furious.",
            "I am worried about my money.", "I was shocked."]
feel_pos = ["I am really happy with the bank.", "I was impressed.", "I am excited about the new features.",
            "I feel safe with this bank.", "I was pleasantly surprised."]
rows = []
for i in range(330):
    k = r.random()
    parts = []
    if k < 0.22:
        parts.append(r.choice(charged).format(f=r.choice(fees))); score = r.randint(0, 4)
    elif k < 0.38:
        parts.append(r.choice(locked)); score = r.randint(0, 5)
    elif k < 0.52:
        parts.append(r.choice(waited).format(n=r.choice([20, 30, 40, 45, 50, 60, 90]))); score = r.randint(0, 5)
    elif k < 0.64:
        parts.append(r.choice(crash)); score = r.randint(0, 5)
    elif k < 0.74:
        parts.append(r.choice(transfer)); score = r.randint(1, 6)
    else:
        parts.append(r.choice(good)); score = r.randint(7, 10)
    add_feeling(r, parts, score, feel_neg, feel_pos, 0.5)
    rows.append((score, either_order(r, parts)))
write(rows)
