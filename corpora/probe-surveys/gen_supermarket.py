# A supermarket survey (NPS 0-10), written by the session-25 reviewer (2026-12-05).
# Plants 59 topics: "drivers" (small, mostly said by detractors), "neutral" (large, said by
# detractors and promoters alike, half praise half complaint), "praise" (said by promoters);
# feelings ("frustrated", "delighted") beside the score. Seeded: same output every run.
import csv, random, sys

r = random.Random(2026)

# (name, kind, weight, sentences)
T = [
 # drivers: small, detractor
 ("mouldy bread", "D", 30, ["The bread was mouldy the day after I bought it.", "Found mould on a loaf that was meant to last a week.", "Second mouldy loaf this month."]),
 ("expired milk", "D", 28, ["The milk was past its date on the shelf.", "Sold me expired yoghurt, sour when I opened it.", "Out of date milk again at the back of the fridge."]),
 ("overcharged", "D", 35, ["I was overcharged for items on offer at the till.", "The receipt showed a higher price than the shelf label.", "Charged full price for the promotion, had to queue to get it back."]),
 ("security guard", "D", 22, ["The security guard followed me round the shop like a thief.", "A security guard searched my bag in front of everyone.", "Rude security guard at the door."]),
 ("card declined", "D", 20, ["The card machine declined my card three times although it works everywhere else.", "Card reader at the till kept failing.", "Contactless payment failed at every till."]),
 ("food poisoning", "D", 18, ["The chicken gave my whole family food poisoning.", "Ate the prawns and was ill all night.", "Got food poisoning from the deli salad."]),
 ("glass in food", "D", 12, ["There was a piece of glass in my jar of sauce.", "Found a shard of glass in the salad bag.", "Glass in the baby food, nobody called me back."]),
 ("refund refused", "D", 26, ["The manager refused a refund for a broken kettle.", "They refused my refund without a receipt even though it was on my loyalty card.", "No refund for a faulty toaster, only a voucher."]),
 ("delivery slot missed", "D", 30, ["The home delivery never came and nobody rang.", "Delivery driver missed the slot and left no note.", "My online order arrived a day late with half the items missing."]),
 ("substitutions", "D", 24, ["The substitutions in my online order were ridiculous, dog food for cat food.", "They substituted oat milk with cream.", "Half my shopping was substituted with things I never eat."]),
 # neutral: large, no bearing on score
 ("flowers", "N", 110, ["The flowers by the entrance are {a}.", "I sometimes pick up flowers, they are {a}.", "Flowers at the front look {a}."]),
 ("music", "N", 100, ["The music in the store is {a}.", "Background music is {a}.", "They play music that is {a}."]),
 ("magazines", "N", 90, ["The magazine rack is {a}.", "Magazines are {a}.", "The selection of magazines is {a}."]),
 ("lighting", "N", 95, ["The lighting inside is {a}.", "Lights in the aisles are {a}.", "The lighting is {a}."]),
 ("bike racks", "N", 80, ["The bike racks outside are {a}.", "Bike racks by the door are {a}.", "I leave my bike at the racks, which are {a}."]),
 ("toys", "N", 85, ["The toy aisle is {a}.", "Toys for the kids are {a}.", "The range of toys is {a}."]),
 ("wine", "N", 95, ["The wine section is {a}.", "Wine selection is {a}.", "The wines on offer are {a}."]),
 ("greeting cards", "N", 80, ["The greeting cards are {a}.", "Birthday cards are {a}.", "The card section is {a}."]),
 ("plants", "N", 75, ["The house plants are {a}.", "Garden plants outside are {a}.", "Plants near the tills look {a}."]),
 ("newspaper", "N", 70, ["The newspapers are {a}.", "I buy a newspaper here, the stand is {a}.", "Newspaper stand is {a}."]),
 ("signage", "N", 75, ["The signs above the aisles are {a}.", "Signage in the store is {a}.", "The aisle signs are {a}."]),
 ("floor", "N", 70, ["The floors are {a}.", "The floor tiles are {a}.", "The shop floor is {a}."]),
 ("baskets", "N", 65, ["The baskets are {a}.", "Shopping baskets are {a}.", "Baskets at the door are {a}."]),
 ("cafe", "N", 90, ["The cafe upstairs is {a}.", "Coffee in the cafe is {a}.", "The cafe is {a}."]),
 ("pharmacy", "N", 70, ["The pharmacy counter is {a}.", "The pharmacist is {a}.", "Pharmacy is {a}."]),
 ("bakery smell", "N", 60, ["The smell from the bakery is {a}.", "The bakery smells {a}.", "Fresh baking smell is {a}."]),
 ("car park", "N", 100, ["The car park is {a}.", "Parking outside is {a}.", "The car park spaces are {a}."]),
 ("opening hours", "N", 80, ["The opening hours are {a}.", "Opening times are {a}.", "Late opening hours are {a}."]),
 ("clothes", "N", 85, ["The clothing range is {a}.", "Clothes upstairs are {a}.", "The kids' clothes are {a}."]),
 ("shoes", "N", 60, ["The shoe section is {a}.", "Shoes are {a}.", "The range of shoes is {a}."]),
 ("batteries", "N", 45, ["Batteries near the till are {a}.", "The battery display is {a}.", "Batteries are {a}."]),
 ("pet food", "N", 60, ["The pet food aisle is {a}.", "Pet food is {a}.", "Cat food range is {a}."]),
 ("stationery", "N", 50, ["The stationery aisle is {a}.", "Stationery is {a}.", "Pens and notebooks are {a}."]),
 ("cosmetics", "N", 55, ["The cosmetics counter is {a}.", "Make-up range is {a}.", "Cosmetics are {a}."]),
 ("kitchenware", "N", 50, ["The kitchenware is {a}.", "Pots and pans are {a}.", "Kitchen utensils are {a}."]),
 ("photo booth", "N", 40, ["The photo booth is {a}.", "Passport photo booth is {a}.", "The photo machine is {a}."]),
 ("cash machine", "N", 55, ["The cash machine outside is {a}.", "The cashpoint is {a}.", "ATM by the entrance is {a}."]),
 ("recycling", "N", 50, ["The recycling bins are {a}.", "Recycling point is {a}.", "Bottle bank outside is {a}."]),
 ("lottery", "N", 35, ["The lottery counter is {a}.", "Lottery tickets desk is {a}.", "The lottery kiosk is {a}."]),
 ("dry cleaning", "N", 35, ["The dry cleaning service is {a}.", "Dry cleaners inside is {a}.", "Dry cleaning is {a}."]),
 ("key cutting", "N", 30, ["The key cutting booth is {a}.", "Key cutting is {a}.", "Key cutter is {a}."]),
 ("charity box", "N", 30, ["The charity collection box is {a}.", "Charity stand is {a}.", "Charity collection is {a}."]),
 ("tv screens", "N", 40, ["The TV screens with adverts are {a}.", "Screens over the tills are {a}.", "Advert screens are {a}."]),
 ("air conditioning", "N", 55, ["The air conditioning is {a}.", "Air con in summer is {a}.", "The air conditioning in the freezer aisle is {a}."]),
 ("escalator", "N", 45, ["The escalator is {a}.", "Escalators to the first floor are {a}.", "The escalator ride is {a}."]),
 ("lift", "N", 40, ["The lift is {a}.", "The lift to the car park is {a}.", "Lifts are {a}."]),
 ("cheese counter", "N", 55, ["The cheese counter is {a}.", "Cheese selection is {a}.", "The cheeses are {a}."]),
 ("fish counter", "N", 50, ["The fish counter is {a}.", "Fresh fish is {a}.", "The fishmonger is {a}."]),
 ("spices", "N", 40, ["The spice rack is {a}.", "Spices are {a}.", "Herbs and spices are {a}."]),
 ("frozen pizza", "N", 40, ["The frozen pizzas are {a}.", "Frozen pizza range is {a}.", "Pizzas in the freezer are {a}."]),
 ("ice cream", "N", 50, ["The ice cream freezer is {a}.", "Ice cream range is {a}.", "Ice creams are {a}."]),
 ("chocolate", "N", 55, ["The chocolate aisle is {a}.", "Chocolate range is {a}.", "The chocolates are {a}."]),
 ("tea", "N", 45, ["The tea selection is {a}.", "Teas are {a}.", "The tea aisle is {a}."]),
 ("cereal", "N", 45, ["The cereal aisle is {a}.", "Breakfast cereals are {a}.", "Cereal boxes are {a}."]),
 ("olive oil", "N", 30, ["The olive oil shelf is {a}.", "Olive oils are {a}.", "The oil selection is {a}."]),
 ("umbrellas", "N", 25, ["The umbrellas are {a}.", "Umbrella stand is {a}.", "Umbrellas by the door are {a}."]),
 # praise
 ("friendly cashier", "P", 60, ["The cashier was friendly and chatty.", "Cashiers always say hello.", "Lovely cashier helped me pack."]),
 ("fresh vegetables", "P", 55, ["The vegetables are always fresh.", "Fresh vegetables and fruit, well stocked.", "Vegetables are crisp and fresh."]),
 ("loyalty points", "P", 40, ["The loyalty points add up quickly.", "Loyalty card gives good points.", "I love collecting the loyalty points."]),
]
ADJ = ["nice", "fine", "okay", "a bit dated", "tidy", "untidy", "pleasant", "too small", "well organised", "a mess", "alright", "average",
       "lovely", "cramped", "bright", "dull", "cheap", "pricey", "modern", "old fashioned", "handy", "awkward", "clean", "grubby",
       "decent", "poor", "great", "rubbish", "ordinary", "special", "good enough", "not great", "improved", "worse than before",
       "better than before", "the same as ever", "hit and miss", "spot on", "nothing special", "quite good"]
FEEL_NEG = ["I am so frustrated.", "Really disappointed.", "Very annoyed.", "I was furious.", "Utterly fed up."]
FEEL_POS = ["I am really happy.", "Delighted as always.", "Thrilled with it.", "Very pleased."]

def score(kind):
    if kind == "D":
        return r.randint(0, 4) if r.random() < 0.85 else r.randint(5, 10)
    if kind == "P":
        return r.randint(8, 10) if r.random() < 0.85 else r.randint(5, 7)
    # base: about 25% detractors
    return r.randint(0, 6) if r.random() < 0.25 else r.randint(7, 10)

weights = [w for _, _, w, _ in T]
rows = []
for i in range(3000):
    t = r.choices(T, weights)[0]
    s = score(t[1])
    parts = [r.choice(t[3]).replace("{a}", r.choice(ADJ))]
    if r.random() < 0.25:
        # a second, neutral topic said in passing, whatever the score
        u = r.choices([x for x in T if x[1] == "N"], [x[2] for x in T if x[1] == "N"])[0]
        parts.append(r.choice(u[3]).replace("{a}", r.choice(ADJ)))
    if s <= 6 and r.random() < 0.3:
        parts.append(r.choice(FEEL_NEG))
    elif s > 6 and r.random() < 0.3:
        parts.append(r.choice(FEEL_POS))
    if r.random() < 0.5:
        parts.reverse()
    rows.append((s, " ".join(parts)))
w = csv.writer(sys.stdout)
w.writerow(["score", "comment"])
for s, c in rows:
    w.writerow([s, c])
