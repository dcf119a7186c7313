"""Events: who did what to whom, where, when, with what and how many, read from the dependency parse.

In: the parsed ``Doc``, its ``ActorIndex`` (actor keys by token), the ``Article`` (its publication date
anchors "on Friday" and "overnight"), a ``SpanMaker`` and the article's ``Statement`` list (a claim
statement makes the events inside it claims, a denial statement denials). Out: ``facts.Event`` records in
text order.

Like textacy's ``extract.triples``, the rules are a trigger lexicon plus dependency patterns:

1. Triggers. A verb whose lemma is in ``VERB_TRIGGERS``, a noun whose lemma is in ``NOUN_TRIGGERS``
   ("exchanged", "bombardment", "sanctions package") or an adjective in ``ADJECTIVE_TRIGGERS`` ("shot
   dead") names an event type; the types are the ontology's Event classes, each mapped to a PLOVER
   category and CAMEO code there. Type rules re-type or drop triggers that only look like events: a
   labour strike is a Protest, not an Attack; "called for talks" is a Demand, not a phone call;
   "captured three soldiers" is an Arrest, not a Capture; an "attack" between named people with nothing
   violent about it is an Accusation (a politician's words); "struck a deal", images "released", a place
   "called" Rakivka, an accident that "killed" (or the crash a killing is told with, or "two accidental
   explosions"), a natural death, a suicide ("shot himself"), "a heart attack", "made a killing", "attacked
   loopholes" (criticism of a thing), "the population exploded", hypothetical or negated events ("could
   tighten sanctions", "future attacks") are no events at all; a bomb that "went off" is an attack, an alarm
   that did is not; "claimed nine lives" is a killing, "issued a statement" an announcement, "a 48-hour strike"
   a labour strike. An ordinal stays in the trigger phrase ("its 17th sanctions package").
2. Arguments. Agents from the subject (with conjuncts; a relative pronoun stands for its noun; a subjectless
   gerund or infinitive takes the subject of the clause it hangs from), the by-agent of a passive (the object in
   "criticized X for killing Y"), and for event nouns the nationality adjective, possessive or compound name ("an
   overnight Russian bombardment"; but "Navalny's arrest" is Navalny's, and a site is no doer: "the Bagram
   Airfield bombing"), the "by" phrase, or the subject of a support verb ("the EU issued its sanctions package").
   Participants of symmetric events (exchange, talks, call, agreement, cooperation) add "between X and Y" and
   "with X". Targets from the object, "on/against X", the "of" phrase of an event noun ("the killing of seven
   demonstrators") and the subject of a passive; the people harmed, arrested or coerced are actors even when
   unnamed ("three people", "a major general", "police", "those injured"; "11 people, six men and five women"
   are 12 people), and so are armed men for the group that sends them ("Taliban gunmen"), not civilians for their
   state ("Ukrainian workers" are not Ukraine); "they" is the group named last in this or the previous sentence;
   a count keeps its "more" ("some 40 more"), and a proper name the entity recognizer missed is an actor where a
   doer or victim stands ("the PKK accepted responsibility"). A verb coordinated with another takes
   its subject, pronouns included ("They killed two guards and wounded another five"; "was criticised and issued a
   statement"). Who was handed the event noun is its target ("workers were given an ultimatum"). An attack may
   strike an unnamed site, a Place described ("struck port infrastructure", "the bombing of the federal
   building"), what the attack noun, as subject, hit ("the explosion hit a school") or what it was aimed at
   ("bombings targeted at the army"). Whoever claimed responsibility for an attack, is "responsible for" or
   "behind" it, or "involved in" it, did it. Places from "in/at/inside X" (with the wider place in apposition:
   "in Helmand Province, Afghanistan"), "on" a street or road, the place of what an event noun struck ("an attack
   on a market in Kabul"), "the explosion was at X", the place of a time phrase ("On December 21 in Bagram"),
   "the Ukrainian capital" (the state's capital in the reference table), "there" (the place named last) and
   "where", or an unnamed site ("at the Riverside bus station"). Instruments (weapons, as written) from
   "with/using X", the device that "exploded", and a weapon that "killed". Dates from ``dates.date_of`` on the
   trigger's own phrase, else on the clauses governing it. Quantities from the numbers in the trigger's phrase,
   typed by the noun they count or by the casualty verb they go with ("15 people were injured" -> 15 injured);
   what each side of an exchange gave is counted "on each side" ("each released 390 prisoners").
3. Status. An event inside the content of a claim statement, under a claim verb ("claimed ... to have captured")
   or what someone is "accused of", is ``claimed``; inside a denial ("denied that ... had captured") ``denied``
   (``claimed_in`` / ``denied_in`` = that statement's index when there is one).
4. Relations. A killing or injuring told as the toll of an attack ("struck ..., killing one person", "died in the
   attacks", "the blast injured 13", and a casualty clause the parser hung on the main verb past the attack: "a
   device that exploded on Monday, injuring nine") is ``part_of`` it and takes its agent as the killer; a multi-day
   prisoner exchange ("1,000 prisoners ... over three days") is the whole that the dated exchanges are
   ``part_of``, and it runs from the first of their days for as many days as it lasts (``date`` to ``end_date``:
   Friday 2025-05-23 to Sunday 2025-05-25); an event "agreed at talks" is ``agreed_at`` them; an event "after"
   another (or "following" it, or that another "prompted") ``follows`` it. A definite event noun that names no
   one ("the prisoner exchange", "the attacks") stands for the event of its type told before.
5. Clean-up. An event must involve an actor: an agent, a participant, or for harm done to people an actor target
   (the victims of an unnamed killer); an attack may have none ("a bomb exploded"), unless it is a bare definite
   noun ("the attack"), which only points back; a headline event that restates a body event (same type, a shared
   actor, or no actor at all: "Deadly attack in Odesa") is dropped; body events of one type, actors and date in
   the same or adjacent sentences are merged (a claim and its denial are not the same telling, nor clauses naming
   different years); an Announcement is kept only when nothing else happened in its sentence; a denied event that
   another event of its type tells too (a shared target or place, or the same doers a sentence or two away) is
   merged into it: it is then contested, claimed or asserted and denied.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..facts import Article, Event, Quantity, Statement, TextSpan
from .actors import ActorIndex
from .dates import DATE_LABELS, date_of, days_spanned, last_day
from .spans import SpanMaker

# --- event types (ontology class names) ---------------------------------------------------------------

PRISONER_EXCHANGE = "PrisonerExchange"
ATTACK = "Attack"
CAPTURE = "Capture"
TALKS = "Talks"
PHONE_CALL = "PhoneCall"
SANCTIONS = "Sanctions"
ANNOUNCEMENT = "Announcement"
RELEASE = "Release"
AGREEMENT = "Agreement"
KILLING = "Killing"
INJURING = "Injuring"
ARREST = "Arrest"
COERCION = "Coercion"
PROTEST = "Protest"
THREAT = "Threat"
DEMAND = "Demand"
ACCUSATION = "Accusation"
AID = "Aid"
MOBILIZATION = "Mobilization"
COOPERATION = "Cooperation"

# events between sides: everyone named takes part (participant); a subject also acts (agent)
SYMMETRIC_TYPES = {PRISONER_EXCHANGE, TALKS, PHONE_CALL, AGREEMENT, COOPERATION}
# event nouns whose "of" phrase is the patient: "the capture of Bakhmut", "the killing of seven demonstrators"
OF_PATIENT_TYPES = {CAPTURE, RELEASE, KILLING, INJURING, ARREST}
# events that need two sides to be stated at all ("call relatives" is not a call between actors)
# ("Zelenskyy met reporters", "the EU agreed its budget" are not talks or agreements between actors)
TWO_PARTY_TYPES = {PHONE_CALL, AGREEMENT, COOPERATION}
TWO_PARTY_VERBS = {"meet"}
# events that strike places too: "struck port infrastructure", "the bombing of the building"
SITE_TARGET_TYPES = {ATTACK, CAPTURE}
# harm done to people: the event stands on its victims when the doer is not named ("three people were killed")
HARM_TYPES = {ATTACK, KILLING, INJURING, ARREST}
# their patients are people even when unnamed: "three people", "a major general", "12 protesters"
PEOPLE_TARGET_TYPES = HARM_TYPES | {COERCION, THREAT, DEMAND, ACCUSATION}
# the toll of an attack: a killing or injuring in its clause is part of it
CASUALTY_TYPES = {KILLING, INJURING}
# events carried out with weapons
ARMED_TYPES = {ATTACK, KILLING, INJURING}
# a definite event noun of the key type may stand for an earlier event of these types ("the release" of an exchange)
ANAPHOR_TYPES = {RELEASE: {RELEASE, PRISONER_EXCHANGE}}

# --- trigger lexicon ------------------------------------------------------------------------------------

VERB_TRIGGERS = {
    "swap": PRISONER_EXCHANGE, "exchange": PRISONER_EXCHANGE,
    "attack": ATTACK, "strike": ATTACK, "bomb": ATTACK, "bombard": ATTACK, "shell": ATTACK,
    "hit": ATTACK, "raid": ATTACK, "target": ATTACK, "pound": ATTACK, "explode": ATTACK,
    "detonate": ATTACK, "blow": ATTACK, "shoot": ATTACK, "stab": ATTACK, "ambush": ATTACK,
    "assault": ATTACK, "invade": ATTACK, "go": ATTACK,
    "capture": CAPTURE, "seize": CAPTURE, "occupy": CAPTURE, "take": CAPTURE,
    "negotiate": TALKS, "meet": TALKS,
    "call": PHONE_CALL, "phone": PHONE_CALL, "speak": PHONE_CALL,
    "sanction": SANCTIONS,
    "announce": ANNOUNCEMENT, "issue": ANNOUNCEMENT,
    "release": RELEASE, "free": RELEASE,
    "agree": AGREEMENT,
    "kill": KILLING, "murder": KILLING, "slay": KILLING, "assassinate": KILLING, "massacre": KILLING,
    "execute": KILLING, "behead": KILLING, "die": KILLING, "claim": KILLING,
    "injure": INJURING, "wound": INJURING, "hurt": INJURING, "maim": INJURING, "torture": INJURING,
    "mutilate": INJURING,
    "arrest": ARREST, "detain": ARREST, "jail": ARREST, "imprison": ARREST, "apprehend": ARREST,
    "coerce": COERCION, "compel": COERCION, "force": COERCION, "pressure": COERCION,
    "pressurize": COERCION, "pressurise": COERCION, "oblige": COERCION, "intimidate": COERCION,
    "blackmail": COERCION, "expel": COERCION, "deport": COERCION,
    "protest": PROTEST, "demonstrate": PROTEST, "boycott": PROTEST,
    "threaten": THREAT,
    "demand": DEMAND, "urge": DEMAND, "order": DEMAND, "instruct": DEMAND, "ask": DEMAND,
    "request": DEMAND, "appeal": DEMAND, "beg": DEMAND, "implore": DEMAND, "plead": DEMAND,
    "accuse": ACCUSATION, "blame": ACCUSATION,
    "mobilize": MOBILIZATION, "mobilise": MOBILIZATION, "deploy": MOBILIZATION,
    "cooperate": COOPERATION, "collaborate": COOPERATION,
}
NOUN_TRIGGERS = {
    "swap": PRISONER_EXCHANGE, "exchange": PRISONER_EXCHANGE,
    "attack": ATTACK, "strike": ATTACK, "airstrike": ATTACK, "bombardment": ATTACK, "bombing": ATTACK,
    "shelling": ATTACK, "raid": ATTACK, "assault": ATTACK, "barrage": ATTACK, "explosion": ATTACK,
    "blast": ATTACK, "detonation": ATTACK, "shooting": ATTACK, "gunfire": ATTACK, "gunfight": ATTACK,
    "stabbing": ATTACK, "ambush": ATTACK, "assassination": ATTACK, "invasion": ATTACK,
    "capture": CAPTURE, "seizure": CAPTURE,
    "talk": TALKS, "talks": TALKS, "negotiation": TALKS, "negotiations": TALKS, "meeting": TALKS, "summit": TALKS,
    "call": PHONE_CALL,
    "sanction": SANCTIONS, "sanctions": SANCTIONS,
    "release": RELEASE,
    "agreement": AGREEMENT, "deal": AGREEMENT, "accord": AGREEMENT, "treaty": AGREEMENT,
    "killing": KILLING, "murder": KILLING, "slaying": KILLING, "massacre": KILLING, "slaughter": KILLING,
    "injury": INJURING, "maiming": INJURING,
    "arrest": ARREST, "detention": ARREST,
    "coercion": COERCION, "intimidation": COERCION, "extortion": COERCION, "expulsion": COERCION,
    "deportation": COERCION,
    "protest": PROTEST, "demonstration": PROTEST, "rally": PROTEST, "march": PROTEST, "boycott": PROTEST,
    "walkout": PROTEST,
    "threat": THREAT, "ultimatum": THREAT,
    "demand": DEMAND, "request": DEMAND, "appeal": DEMAND,
    "accusation": ACCUSATION,
    "aid": AID, "assistance": AID,
    "mobilization": MOBILIZATION, "mobilisation": MOBILIZATION, "deployment": MOBILIZATION,
    "buildup": MOBILIZATION,
    "cooperation": COOPERATION, "collaboration": COOPERATION,
}
# "shot dead", "nine people were dead"
ADJECTIVE_TRIGGERS = {"dead": KILLING}
PLURAL_ONLY_NOUNS = {"talk"}  # "talks" are negotiations, "a talk" is a lecture
# "sanctions package": the compound trigger's head is the phrase's syntactic anchor
ANCHOR_HEADS = {"package", "round", "regime", "measures", "attempt", "campaign"}
# the particle "blow" needs to be an attack: "blew up the bridge", "blew himself up"
BLOW_PARTICLES = {"up"}

# --- exclusion lexicon ----------------------------------------------------------------------------------

WORKER_NOUNS = {
    "worker", "workers", "employee", "staff", "union", "miner", "teacher", "doctor", "nurse", "driver",
    "pilot", "docker", "student", "farmer", "labour", "labor", "hunger", "general", "rail", "wildcat",
}
STOPPAGE_UNITS = {"hour", "day", "week"}  # "48-hour strike", "one-day strike"
STRIKE_SUPPORT_VERBS = {"go", "be", "remain", "stay", "come", "call", "vote", "walk"}  # "went on strike"
AGREEMENT_NOUNS = {"deal", "agreement", "accord", "bargain", "compromise", "truce", "pact", "treaty"}
NON_ATTACK_OBJECTS = {"balance", "chord", "note", "pose", "tone", "record", "high", "low", "headline",
                      "milestone", "peak", "wall", "road", "market", "shelf", "jackpot", "snag", "nerve",
                      "film", "movie", "video", "scene", "footage", "photo", "picture", "episode", "ad"}
ACCIDENT_NOUNS = {
    "accident", "crash", "collision", "derailment", "wreck", "fire", "blaze", "flood", "flooding",
    "storm", "hurricane", "cyclone", "typhoon", "tornado", "earthquake", "quake", "landslide",
    "avalanche", "tsunami", "eruption", "disease", "virus", "illness", "outbreak", "heatwave", "heat",
    "lightning", "drought", "famine", "cancer", "infection", "pneumonia", "stroke", "overdose", "age",
    "cause", "complication", "diabetes", "covid", "ebola", "flu", "influenza", "malaria", "cholera",
}
MEDIA_NOUNS = {
    "image", "video", "footage", "photo", "photograph", "picture", "statement", "report", "document",
    "data", "figure", "detail", "album", "film", "song", "book", "record", "recording", "clip",
    "transcript", "list", "version", "update", "press", "memo", "letter", "audio", "movie", "ad", "advert",
    "return", "returns", "email", "emails", "file", "files", "single", "game", "product", "model", "app",
}
SWAPPED_NOUNS = {"prisoner", "pow", "captive", "body", "bodies", "remains", "hostage", "detainee", "soldier"}
EXCHANGE_EXCLUDED = {"fire", "rate", "view", "information", "letter", "stock", "idea", "student", "gunfire"}
CALL_EXCLUDED_PREPS = {"for", "on", "upon", "off"}  # "called for talks", "called on X to", "call off"
APPEAL_PREPS = {"for", "on", "upon"}  # "called for a ceasefire", "called on Kyiv to": a demand
CALL_NOUN_MARKERS = {"phone", "telephone", "video"}  # "a phone call"
NAMING_VERBS = {"call", "name", "dub", "label", "term"}
CAPTURE_OBJECTS = {"control"}  # "took control of": "take" is a capture only with these
# what is captured: a named place, or a word for territory ("a settlement called Rakivka")
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
NOT_PLACE_ENTITIES = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "LAW", "EVENT", "DATE", "TIME", "MONEY"}
TERRITORY_NOUNS = {
    "village", "town", "city", "settlement", "region", "district", "port", "outskirts", "province", "capital",
    "territory", "area", "airport", "base", "bridge", "hill", "island", "peninsula", "border", "crossing",
    "oblast", "enclave", "stronghold", "position", "positions", "neighbourhood", "neighborhood", "suburb",
    "control", "land", "ground", "coast", "road", "highway", "line", "front", "frontline", "plant", "mine",
    "building", "compound", "camp", "checkpoint", "facility", "refinery", "oilfield", "dam", "harbour", "harbor",
}
# unnamed places an event happens at or strikes: "at the bus station", "struck port infrastructure", "the bakery"
SITE_LABELS = {"FAC", "EVENT", "LOC"}  # entity labels of sites and occasions, which do nothing
# sites one is "on": "on a busy pedestrian street", "on the Cavehill Road"
ROUTE_NOUNS = {"street", "road", "highway", "avenue", "boulevard", "square", "bridge", "motorway", "lane"}
SITE_NOUNS = {
    "station", "terminus", "depot", "street", "road", "highway", "square", "market", "marketplace", "bazaar",
    "bakery", "cafe", "café", "restaurant", "bar", "pub", "shop", "store", "supermarket", "mall", "hotel",
    "building", "school", "university", "college", "hospital", "clinic", "mosque", "church", "synagogue",
    "temple", "shrine", "embassy", "consulate", "airport", "airfield", "airbase", "base", "barracks",
    "checkpoint", "port", "harbour", "harbor", "infrastructure", "bridge", "headquarters", "parliament",
    "stadium", "arena", "venue", "club", "nightclub", "theatre", "theater", "cinema", "museum",
    "village", "town", "city", "district", "province", "neighbourhood", "neighborhood", "suburb", "area",
    "compound", "camp", "facility", "plant", "refinery", "factory", "warehouse", "prison", "jail",
    "courthouse", "palace", "ministry", "residence", "home", "house", "apartment", "block", "centre", "center",
    "entrance", "premises", "site", "scene", "platform", "terminal", "pipeline", "dam",
}
# nouns that stand for the place in their "of" phrase: "control of the village of Novomykhailivka"
CONTAINER_NOUNS = {"control", "village", "town", "city", "settlement", "region", "district", "port", "outskirts",
                   "province", "capital"}
PROTEST_PREPS = {"against", "over", "for", "outside"}  # "a rally against the deal", "a march outside parliament"
# "attack" and its kin name criticism too; these words (in the trigger's phrase or its verb) make it violence
VERBAL_ATTACK_WORDS = {"attack", "assault", "hit", "target"}
VIOLENT_WORDS = {
    "terror", "terrorist", "suicide", "missile", "drone", "rocket", "air", "military", "armed", "deadly", "bomb",
    "knife", "gun", "chemical", "nuclear", "militant", "jihadist", "sniper", "mortar", "artillery", "physical",
    "violent", "fatal", "bloody", "brutal", "shooting", "stabbing", "carry", "commit", "perpetrate", "weapon",
    "grenade", "explosive", "arson", "acid", "vehicle", "truck", "van", "car",
}
# "two accidental explosions", "the mortar round detonated accidentally": accidents, not attacks
ACCIDENT_MODIFIERS = {"accidental", "accidentally", "accident", "unintentional", "unintentionally"}
# "criticized X for shooting", "accused X of attacking": the object is the doer of the gerund
OBJECT_CONTROL_PREPS = {"for", "of"}
# "shot himself", "killing themselves": suicides, no attack or killing by another
REFLEXIVE_PRONOUNS = {"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"}
# what is attacked besides people, groups and places: "attacked the convoy", "attacked the ship"
ATTACKABLE_NOUNS = {"convoy", "patrol", "vehicle", "car", "bus", "truck", "train", "ship", "vessel", "boat", "tanker",
                    "plane", "aircraft", "helicopter", "jet", "drone", "tank", "column", "outpost", "position",
                    "positions", "target", "targets", "installation", "installations", "line", "lines", "front"}
# "a heart attack", "a panic attack": an illness, not an attack
MEDICAL_MODIFIERS = {"heart", "panic", "asthma", "anxiety", "cardiac", "seizure", "migraine", "allergy"}
# verbs that take a demand only with an infinitive: "asked them to leave" (not "asked a question")
INFINITIVE_DEMAND_VERBS = {"ask", "instruct", "order", "force", "oblige", "compel", "pressure", "pressurize",
                           "pressurise", "beg", "implore", "plead"}
# verbs that harm or command only people: "beat opposition politicians" (not "beat the odds"), "executed the plan"
PERSON_PATIENT_VERBS = {"torture", "hurt", "execute", "deport", "expel", "intimidate", "shoot",
                        "stab", "assassinate", "behead", "massacre", "slay", "murder"}
# polysemous attack verbs: "hit" a show, "target" voters; an attack only with a weapon, casualty or armed doer
VIOLENCE_NEEDING_VERBS = {"hit", "target", "pound", "explode"}  # "the town's population has since exploded"
CASUALTY_LEMMAS = {"kill", "wound", "injure", "die"}
# "15 people were hurt" is an injury; "the scandal hurt him" is not
PASSIVE_ONLY_INJURY_VERBS = {"hurt"}
# "demonstrated its strength", "demonstrated that ...": showing, not protesting
DEMONSTRATE_OBJECT_DEPS = {"dobj", "obj", "ccomp"}
# "deployed troops", "mobilized reservists": what mobilizing moves (not "deployed a new app")
FORCE_NOUNS = {
    "troop", "troops", "force", "forces", "soldier", "army", "reservist", "reserve", "unit", "battalion",
    "brigade", "division", "regiment", "tank", "warship", "ship", "jet", "aircraft", "missile", "system",
    "battery", "police", "guard", "personnel", "contingent", "fleet", "carrier", "submarine", "military",
    "marine", "paratrooper", "artillery", "weapon",
}
# "the economy died", "the deal is dead": a death only of people, and only of violence
VIOLENT_CAUSE_NOUNS = {"wound", "wounds", "injury", "injuries", "gunshot", "torture", "beating"}
# "a car crashed into a bus, killing four", "the ferry capsized": accidents
ACCIDENT_VERBS = {"crash", "collide", "derail", "capsize", "sink", "overturn", "collapse", "skid", "drown",
                  "fall", "slip", "burn", "flood", "erupt"}
# "died of cancer", "died in a crash", "died after a long illness": no killing
CAUSE_PREPS = {"of", "from", "in", "during", "after", "under", "following"}

# --- people and weapons ----------------------------------------------------------------------------------

# nouns for people: an unnamed agent or victim ("a suicide bomber", "three soldiers") becomes an actor
PERSON_NOUNS = {
    "people", "person", "persons", "civilian", "soldier", "serviceman", "servicemen", "servicewoman",
    "troop", "troops", "personnel", "officer", "policeman", "policemen", "policewoman", "guard", "general",
    "commander", "colonel", "captain", "major", "lieutenant", "sergeant", "corporal", "private", "fighter",
    "militant", "insurgent", "rebel", "gunman", "gunmen", "attacker", "assailant", "bomber", "terrorist",
    "jihadist", "extremist", "militiaman", "militiamen", "separatist", "child", "children", "kid", "boy",
    "girl", "woman", "women", "man", "men", "baby", "infant", "teenager", "youth", "student", "worker",
    "employee", "journalist", "reporter", "photographer", "protester", "protestor", "demonstrator",
    "activist", "dissident", "politician", "lawmaker", "legislator", "official", "leader", "minister",
    "resident", "villager", "citizen", "inhabitant", "pilgrim", "worshipper", "worshiper", "shopper",
    "passer-by", "passerby", "bystander", "passenger", "tourist", "customer", "guest", "patient", "doctor",
    "nurse", "medic", "paramedic", "teacher", "victim", "hostage", "prisoner", "detainee", "captive",
    "suspect", "member", "relative", "crew", "crewman", "sailor", "marine", "paratrooper", "commando",
    "volunteer", "mercenary", "spy", "diplomat", "envoy", "governor", "mayor", "president", "judge",
    "prosecutor", "lawyer", "opponent", "critic", "supporter", "migrant", "refugee", "farmer", "driver",
    "pilot", "individual", "family", "families", "friend", "brother", "sister", "son", "daughter",
    "father", "mother", "wife", "husband", "parent", "priest", "imam", "monk", "nun", "cleric", "chief",
    "spokesman", "spokeswoman", "agent", "operative", "assassin", "killer", "murderer", "sniper",
    "infantryman", "conscript", "recruit", "cadet", "veteran", "settler", "tribesman", "tribesmen",
    "elder", "figure", "toughs", "thug", "looter", "rioter", "hijacker", "kidnapper", "smuggler", "dealer",
    "miner", "docker", "staff", "colleague", "partner", "peacekeeper", "observer", "inspector",
    "humanitarian", "aid-worker", "immigrant", "defendant", "convict", "inmate", "gunner", "pedestrian",
    "leftist", "rightist", "nationalist", "communist", "islamist", "loyalist", "unionist", "republican",
    "royalist", "anarchist", "socialist", "radical", "militiaman", "guardsman", "guardsmen", "trooper",
    "prefect", "boss", "commissioner", "sheriff", "constable", "warlord", "gangster", "jihadi", "recruiter",
}
# nouns for bodies that act as one: police, an army, a government (an Organization when unnamed)
GROUP_NOUNS = {
    "police", "army", "military", "government", "regime", "authorities", "authority", "force", "forces",
    "militia", "navy", "brigade", "regiment", "battalion", "unit", "squad", "cell", "gang", "cartel",
    "administration", "ministry", "court", "coalition", "alliance", "junta", "guerrilla", "guerrillas",
    "organisation", "organization", "service", "services", "intelligence", "security", "group",
    "faction", "movement", "party", "union", "council", "parliament", "legislature", "cabinet", "opposition",
}
# people who act for the state or group named with them: "Russian troops" (Russia), "Taliban gunmen" (the Taliban)
ARMED_NOUNS = {
    "troop", "troops", "soldier", "force", "forces", "army", "military", "navy", "police", "gunman", "gunmen",
    "fighter", "militant", "insurgent", "rebel", "militia", "militiaman", "militiamen", "bomber", "official",
    "delegation", "diplomat", "government", "authorities", "authority", "regime", "unit", "personnel",
    "jet", "warplane", "sniper", "commander", "minister", "envoy", "negotiator", "spokesman", "spokeswoman",
}
# armed men proper: "troops hit the town" is violent, "targeted 13 officials" (with sanctions) is not
COMBATANT_NOUNS = ARMED_NOUNS - {"official", "delegation", "diplomat", "government", "authorities", "authority",
                                 "regime", "minister", "envoy", "negotiator", "spokesman", "spokeswoman"}
# heads that count people only in a victim's place: "injuring 260 others", "killing the three", "scores died"
COUNT_TAILS = {"more", "others"}  # "some 40 more", "injuring dozens more"
VICTIM_QUANTIFIERS = {"more", "others", "other", "all", "scores", "dozens", "hundreds", "thousands", "many",
                      "several", "some", "few", "both"}
# weapons: the instrument of an attack, a killing or an injuring
WEAPON_NOUNS = {
    "bomb", "device", "ied", "explosive", "explosives", "mine", "landmine", "grenade", "missile", "rocket",
    "drone", "shell", "mortar", "artillery", "gun", "rifle", "pistol", "firearm", "firearms", "knife",
    "machete", "weapon", "weapons", "munition", "munitions", "warhead", "torpedo", "bullet", "bullets",
    "sniper", "tank", "airstrike", "jet", "helicopter", "gunship", "launcher", "fire", "gunfire",
    "vest", "belt", "charge", "nitrate", "ammonium", "dynamite", "tnt", "semtex", "ordnance", "barrel",
}
# "bombs exploded", "the device went off": the subject of these is the device itself, not an attacker
DEVICE_VERBS = {"explode", "detonate", "blow", "go"}
INSTRUMENT_PREPS = {"with", "by"}
INSTRUMENT_VERBS = {"use", "fire", "launch"}  # "a bombardment using long-range drones"
# "13 people suffered injuries": the subject of these is the victim of the event noun
SUFFER_VERBS = {"suffer", "sustain", "receive", "incur"}
# "the three", "all of those": words that head a noun phrase without naming anyone
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "himself", "herself", "itself", "themselves",
            "i", "we", "you", "me", "us", "this", "that", "these", "those", "which", "who", "whom", "one"}
PERSON_PRONOUNS = {"he", "she", "they", "him", "her", "them", "himself", "herself", "themselves", "who", "whom",
                   "me", "us", "you"}

# --- modality and status ---------------------------------------------------------------------------------

MODAL_WORDS = {"could", "would", "should", "might", "may", "can", "ca", "will", "wo", "'ll", "must", "shall"}
CONDITIONAL_MARKS = {"if", "unless"}
IRREALIS_MODIFIERS = {"future", "possible", "potential", "planned", "proposed", "threatened",
                      "hypothetical", "prospective", "expected", "attempted", "alleged"}
IRREALIS_GOVERNORS = {
    "threaten", "plan", "want", "seek", "demand", "propose", "urge", "expect", "hope", "consider",
    "discuss", "prepare", "push", "aim", "intend", "vow", "promise", "warn", "ready", "willing",
    "effort", "call", "need", "ask", "order", "request", "appeal", "force", "oblige", "compel", "pressure",
    "try", "attempt", "fail", "refuse", "prevent", "avoid", "fear", "risk", "deter", "instruct", "pledge",
    "plot", "conspire",
}
# infinitives under these heads report what happened ("claimed to have captured", "began to shell")
REALIS_INFINITIVE_HEADS = {"claim", "allege", "say", "report", "appear", "seem", "begin", "start",
                           "continue", "resume", "manage"}
CLAIM_CUES = {"claim", "allege"}
# "the two men accused of carrying out the bombing", "suspected of plotting": alleged, not established
ALLEGING_VERBS = {"accuse", "suspect", "charge", "allege", "blame"}
DENIAL_CUES = {"deny", "dispute", "reject", "refute"}

# --- dependency labels -----------------------------------------------------------------------------------

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "attr", "oprd"}
DIRECT_OBJECTS = {"dobj", "obj"}
PASSIVE_MARKERS = {"auxpass", "nsubjpass"}
NOMINAL_MODIFIERS = {"amod", "compound", "poss", "nmod", "appos"}
NOUN_AGENT_MODIFIERS = {"amod", "compound", "poss", "nmod"}
CLAUSAL_DEPS = {"advcl", "ccomp", "relcl", "acl", "xcomp", "conj", "parataxis", "csubj", "pcomp"}
CONTROLLED_DEPS = {"xcomp", "conj", "advcl", "pcomp", "prep", "acl"}  # links a subjectless verb climbs
CASUALTY_CLAUSE_DEPS = {"advcl", "acl", "conj", "relcl", "xcomp"}
DATE_ADJUNCT_DEPS = {"prep", "npadvmod", "advmod", "tmod", "obl", "nmod"}
COMPLEMENT_DEPS = {"xcomp", "ccomp"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
PHRASE_MODIFIERS = {"det", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "advmod", "npadvmod"}
DEFINITE_DETERMINERS = {"the", "this", "that", "these", "those"}

# --- prepositions ----------------------------------------------------------------------------------------

PLACE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "into"}
TARGET_PREPS = {"on", "against", "upon"}
PARTNER_PREPS = {"with", "to"}
BETWEEN_PREPS = {"between", "among"}
AGENT_PREPS = {"by"}
INCLUDING_PREPS = {"including", "among"}  # "12 people were arrested, including two women"
MULTI_DAY_PREPS = {"over", "across", "during", "within"}
OCCASION_PREPS = {"during", "amid"}  # "killed 9 marchers during the rally in the capital"
TIME_PREPS = {"on", "at"}  # "On December 21, 2015 in Bagram"
CASUALTY_PREPS = {"in", "during", "by", "from", "of"}  # "killed in the attacks", "injured by the blast"
# more target prepositions by type: "aid to Ukraine", "appealed to the UN"
EXTRA_TARGET_PREPS = {AID: {"to", "for"}, DEMAND: {"to"}, THREAT: {"to"}}
# more place prepositions by type: "deployed troops to the border"
EXTRA_PLACE_PREPS = {MOBILIZATION: {"to", "along"}}

# --- relations between events -------------------------------------------------------------------------

AFTER_WORDS = {"after", "following"}  # "died after a bomb detonated", "following the slaying"
BEFORE_WORDS = {"before", "ahead"}  # "an hour before the explosion": the other event follows this one
CAUSE_VERBS = {"prompt", "trigger", "spark", "provoke", "cause"}  # "attacks, prompting Russian airstrikes"
AGREE_VERBS = {"agree", "broker", "negotiate", "arrange", "reach", "seal", "sign"}  # "agreed at talks in Istanbul"
AGREED_AT_PREPS = {"at", "during", "in"}
OCCUR_VERBS = {"take", "happen", "occur", "come", "begin", "start", "follow"}  # "the release took place after"
FORUM_TYPES = {TALKS, PHONE_CALL}

# --- support (light) verbs: their subject is the agent of the event noun they take ----------------------

# "the ambush was carried out by FLNC", "attacks carried out by extremists": verbs of doing, not of telling
# ("the swap was announced by the ministry" says nothing of who swapped)
DOING_VERBS = {"carry", "conduct", "stage", "mount", "launch", "commit", "perpetrate", "unleash", "organize",
               "organise", "lead", "execute", "plan", "order"}
# "a series of attacks", "a wave of shooting": the event noun stands where its collective noun stands
COLLECTIVE_NOUNS = {"series", "wave", "spate", "string", "number", "round", "spree", "campaign", "flurry"}
# "the IRA accepted responsibility for the bombings", "claimed responsibility for the attack"
RESPONSIBILITY_NOUNS = {"responsibility", "credit", "blame"}
RESPONSIBILITY_VERBS = {"claim", "accept", "admit", "take", "bear", "acknowledge"}
# verbs that say what an attack, as their subject, struck: "the explosion hit a school"
STRIKING_VERBS = {"target", "hit", "strike", "destroy", "damage", "devastate", "wreck", "rip", "tear", "flatten"}
STATEMENT_NOUNS = {"statement", "communique", "communiqué", "declaration"}  # "issued a statement"
AIMING_VERBS = {"aim", "target", "direct"}  # "bombings targeted at the army"
HANDING_VERBS = {"give", "send", "issue", "deliver", "hand", "serve", "grant", "offer", "provide"}
INVOLVE_VERBS = {"involve", "implicate"}  # "people involved in the attack"
RESPONSIBLE_WORDS = {"responsible", "behind"}  # "responsible for the blast", "the bomber behind the bombing"
# he/she/him/her: the latest person named in this or the previous sentence
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "himself", "herself"}
# they/them: the group named last in this or the previous sentence
PLURAL_PRONOUNS = {"they", "them"}
# "Kennedy's assassination", "Navalny's arrest": without an "of" phrase the possessor is who it was done to
PATIENT_POSSESSIVE_NOUNS = {"assassination", "murder", "killing", "slaying", "execution", "arrest", "detention",
                            "release", "kidnapping", "abduction"}

SUPPORT_VERBS = {
    "launch", "carry", "conduct", "stage", "mount", "make", "hold", "have", "issue", "impose", "adopt",
    "approve", "unveil", "introduce", "announce", "reach", "sign", "strike", "seal", "conclude",
    "clinch", "begin", "start", "resume", "open", "host", "order", "slap", "agree", "complete", "finalize",
    "broker", "unleash", "fire", "tighten", "extend", "expand", "hit", "commit", "perpetrate", "provide",
    "send", "deliver", "give", "grant", "offer", "organize", "organise", "lead", "level", "voice",
}

# --- quantities ------------------------------------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12,
}
NUMBER_LABELS = {"", "CARDINAL"}
NOT_COUNTED = {"day", "year", "hour", "minute", "week", "month", "time", "half", "third", "quarter",
               "fifth", "percent", "%", "km", "kilometre", "kilometer", "mile", "metre", "meter", "dollar",
               "pound", "lb", "foot", "feet", "second"}
DEFAULT_COUNTS = {PRISONER_EXCHANGE: "prisoners", RELEASE: "prisoners"}  # "each released 390"
SWAP_TYPES = {PRISONER_EXCHANGE, RELEASE}  # their counts may be per side
# casualties in the two classes the ontology maps to Wikidata (P1120 deaths, P1339 injured)
CASUALTY_VERBS = {"kill": "killed", "wound": "injured", "injure": "injured", "hurt": "injured"}

TERMINAL_PUNCTUATION = tuple('.!?"\'”’)…')

# --- confidence per rule -----------------------------------------------------------------------------------

RULE_CONFIDENCE = {
    "verb-subject": 0.9,
    "verb-passive-agent": 0.85,
    "verb-controller": 0.7,
    "verb-partners": 0.75,
    "mutual-release": 0.85,
    "noun-modifier": 0.8,
    "noun-by-agent": 0.85,
    "noun-support-verb": 0.8,
    "noun-responsible": 0.75,
    "noun-between": 0.75,
    "noun-governing-between": 0.65,
    "multi-day-exchange": 0.6,
    "casualty-of-attack": 0.8,
    "victims-only": 0.75,
}


@dataclass(eq=False)
class Candidate:
    """An event while the article is read; ``EventReader.to_events`` makes it a ``facts.Event``."""

    event_type: str
    anchor: Token  # the token the dependency rules start from
    start: int  # token range of the trigger phrase
    end: int
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    instruments: list[tuple[int, int]] = field(default_factory=list)  # token ranges of weapon phrases
    quantities: list[Quantity] = field(default_factory=list)
    date: datetime.date | None = None
    status: str = "asserted"
    claimed_in: int | None = None
    denied_in: int | None = None
    rule: str = ""
    sentence: int = 0  # first and last sentence (a merged event spans two)
    last_sentence: int = 0
    headline: bool = False
    whole: bool = False  # a multi-day exchange that dated exchanges are part of
    days: int | None = None  # how many days the multi-day exchange lasts ("over three days")
    part_of: Candidate | None = None
    agreed_at: Candidate | None = None
    follows: Candidate | None = None
    merged_into: Candidate | None = None  # told twice: the candidate that stands for both

    def actors(self) -> set[str]:
        return set(self.agents) | set(self.participants) | set(self.targets)

    def final(self) -> Candidate:
        """The candidate this one ended up as after merges."""
        c = self
        while c.merged_into is not None:
            c = c.merged_into
        return c


# === 1. triggers ===========================================================================================


def trigger_at(token: Token) -> tuple[str, Token, int, int] | None:
    """(event type, anchor, start, end) when ``token`` triggers an event, else None."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in VERB_TRIGGERS:
        return verb_trigger(token, lemma)
    if token.pos_ in {"NOUN", "PROPN"} and not token.ent_type_:
        key = lemma if lemma in NOUN_TRIGGERS else token.lower_
        if key in NOUN_TRIGGERS:
            return noun_trigger(token, key)
    if token.pos_ == "ADJ" and lemma in ADJECTIVE_TRIGGERS:
        return adjective_trigger(token, lemma)
    return None


def trigger_type(token: Token) -> str | None:
    found = trigger_at(token)
    return found[0] if found else None


def verb_trigger(verb: Token, lemma: str) -> tuple[str, Token, int, int] | None:
    particles = [c for c in verb.children if c.dep_ == "prt"]
    end = max([verb.i + 1, *(p.i + 1 for p in particles)])
    event_type = VERB_TRIGGERS[lemma]
    # "took control of": the trigger phrase runs to the object
    if event_type == CAPTURE and lemma == "take":
        control = [o for o in verb.children if o.dep_ in OBJECTS and o.lemma_.lower() in CAPTURE_OBJECTS]
        if control:
            return CAPTURE, verb, verb.i, control[0].i + 1
    event_type = VERB_RULES.get(event_type, keep_verb)(verb, lemma, event_type)
    if event_type is None:
        return None
    return event_type, verb, verb.i, end


# --- type rules for verbs: each returns the event type (possibly another one) or None -------------------


def keep_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    return event_type


def objects_of(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in OBJECTS]


def patients_of(verb: Token) -> list[Token]:
    """Who or what the verb is done to: its object, the subject of its passive, the noun it modifies."""
    patients = objects_of(verb) + [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
    if verb.dep_ in {"acl", "amod"}:
        patients.append(verb.head)
    return patients


def subjects_of(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in SUBJECTS]


def small_clause(verb: Token) -> bool:
    """ "left at least one student injured": a passive participle with a subject and no auxiliary."""
    return verb.tag_ == "VBN" and bool(subjects_of(verb)) and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def has_infinitive(verb: Token) -> bool:
    """ "asked them to leave", "forced them into exile": a complement saying what they must do (not "asked
    whether", a question)."""
    return any(c.dep_ == "xcomp" for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ == "into" for c in verb.children
    )


def attack_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    object_lemmas = {o.lemma_.lower() for o in objects_of(verb)}
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    # "a bomb went off", "21 bombs had gone off"; not "the alarm went off", "went off to war"
    if lemma == "go":
        return event_type if "off" in particles and any(map(is_weapon, subjects_of(verb))) else None
    # a labour strike: "the dockers struck for higher pay" is a protest
    if lemma == "strike" and any(s.lemma_.lower() in WORKER_NOUNS for s in subjects_of(verb)):
        return PROTEST
    # "struck a deal" is an agreement (read from the noun "deal"), "hit a record", "shot a film" are no attacks
    if object_lemmas & (AGREEMENT_NOUNS | NON_ATTACK_OBJECTS):
        return None
    # "hit back at critics" is a retort, "struck down the law" a ruling
    if particles & {"back", "down"} and lemma in {"hit", "strike"}:
        return None
    # "blew up the bridge", "blew himself up"; not "blew the whistle", "a gust blew"
    if lemma == "blow" and not particles & BLOW_PARTICLES:
        return None
    # "shot the suspect", "was shot dead", "shot down a drone"; not "shot a glance"
    if lemma in PERSON_PATIENT_VERBS and not harms_someone(verb):
        return None
    # "the mortar round detonated accidentally": an accident, nobody attacked
    if any(c.lower_ in ACCIDENT_MODIFIERS for c in verb.children):
        return None
    # "bombings targeted at the army": the aiming tells the attack noun's target, it is no attack of its own
    if lemma in AIMING_VERBS and verb.dep_ in {"acl", "relcl"} and trigger_type(verb.head) == ATTACK:
        return None
    # "hits New York" (a show), "targets voters": these verbs attack only with something violent about them
    if lemma in VIOLENCE_NEEDING_VERBS and not violent_context(verb):
        return None
    # "shot himself": a suicide, not an attack ("blew himself up" is a suicide bombing)
    if lemma != "blow" and self_harm(verb):
        return None
    # "attacked loopholes", "attacked the media": criticism of a thing, unless something violent is told
    objects = objects_of(verb)
    if lemma in VERBAL_ATTACK_WORDS and objects and not any(map(can_be_attacked, objects)) and not violent_context(verb):
        return None
    return event_type


def self_harm(verb: Token) -> bool:
    """The only patient is the doer: "shot himself", "were killing themselves"."""
    objects = objects_of(verb)
    return bool(objects) and all(o.lower_ in REFLEXIVE_PRONOUNS and not conjuncts(o) for o in objects)


def can_be_attacked(token: Token) -> bool:
    """People, a group, a place, a site or a named entity: what weapons strike ("the convoy" is people)."""
    return (names_people(token) or is_territory(token) or token.lemma_.lower() in SITE_NOUNS | ATTACKABLE_NOUNS
            or token.ent_type_ != "" or token.lower_ in PERSON_PRONOUNS | {"it"})


def violent_context(verb: Token) -> bool:
    """A weapon, a violent word, an armed doer or a casualty in the verb's clause: "hit by a missile", "the army
    claimed to have hit three gunmen", "targeted and killed members of the Yazidi religion"."""
    clause = list(verb.subtree) + [verb.head]
    # a weapon or a violent word in the verb's own clause: "hit by a missile", "targeted in a terror attack"; not
    # in a coordinated one ("attacked loopholes ..., and has called for ending the tax on carried interest")
    coordinated = {t.i for c in verb.children if c.dep_ in {"conj", "parataxis"} for t in c.subtree}
    if any(is_weapon(t) or t.lemma_.lower() in VIOLENT_WORDS for t in clause if t.i not in coordinated):
        return True
    # armed men doing it, or done to: "troops hit the town", "hit three gunmen"
    if any(s.lemma_.lower() in COMBATANT_NOUNS for s in subjects_of(verb) + objects_of(verb)):
        return True
    # the subject the verb borrows: "the army claimed to have hit"
    controller = verb.head if verb.dep_ in {"xcomp", "conj"} else None
    if controller is not None and any(s.lemma_.lower() in COMBATANT_NOUNS for s in subjects_of(controller)):
        return True
    # a casualty in the clause: "targeted and killed members of the Yazidi religion"
    return any(t.i != verb.i and t.pos_ == "VERB" and t.lemma_.lower() in CASUALTY_LEMMAS for t in clause)


def harms_someone(verb: Token) -> bool:
    """The verb's patient is a person, a group or an actor, or the verb stands alone ("shot dead", "shot down")."""
    patients = patients_of(verb)
    if not patients:
        return any(c.dep_ in {"oprd", "prt", "acomp"} for c in verb.children)
    return any(names_people(p) or p.lower_ in PERSON_PRONOUNS for p in patients)


def killing_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    # "the blast claimed nine lives", "claimed the lives of four militants": a killing; any other claim is words
    if lemma == "claim" and not lives_taken(verb):
        return None
    # "the accident killed three people", "a car crashed into a bus, killing four": something happened, nobody
    # attacked
    if accidental(verb):
        return None
    # "veterans were killing themselves": suicides
    if self_harm(verb):
        return None
    # "executed the plan", "murdered the song": only people are killed
    if lemma in PERSON_PATIENT_VERBS and not harms_someone(verb):
        return None
    # "died" is a killing only of violence: "died in the attacks", "died of his wounds", "died after a blast"
    if lemma == "die" and not violent_death(verb):
        return None
    return event_type


def antecedent(subject: Token) -> Token:
    """The noun a relative subject stands for: "a device that exploded", and in a cleft sentence "it was two car
    bombs that claimed"; any other subject is itself."""
    if subject.lower_ not in RELATIVE_PRONOUNS:
        return subject
    clause = subject.head
    if clause.dep_ == "relcl":
        return clause.head
    if clause.dep_ == "ccomp" and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.head.children):
        return next((c for c in clause.head.children if c.dep_ == "attr"), subject)
    return subject


def lives_taken(verb: Token) -> list[Token]:
    """The "lives" a verb takes ("claimed nine lives", "claimed the lives of four militants")."""
    return [o for o in objects_of(verb) if o.lemma_.lower() == "life" and o.tag_ == "NNS"]


def accidental(verb: Token) -> bool:
    """An accident as the subject ("the crash killed"), or the clause the casualty belongs to ("a car crashed into
    a bus, killing four", "a fire broke out, injuring five")."""
    token = verb
    for _ in range(4):
        # "the crash killed", "a fire broke out, injuring", "two accidental explosions killed"
        subjects = subjects_of(token)
        if any(s.lemma_.lower() in ACCIDENT_NOUNS or noun_modifiers(s) & ACCIDENT_MODIFIERS for s in subjects):
            return True
        # "the mortar round detonated accidentally, killing two soldiers"
        if any(c.lower_ in ACCIDENT_MODIFIERS for c in token.children):
            return True
        # "crashed into a bus, killing four"
        if token.lemma_.lower() in ACCIDENT_VERBS:
            return True
        # up through the clauses a casualty hangs from, no further
        if token.dep_ not in CASUALTY_CLAUSE_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return False


def violent_death(verb: Token) -> bool:
    """ "died in the attacks", "died of wounds", "died after a roadside bomb detonated"; not "died of cancer"."""
    for child in verb.children:
        # a cause or circumstance phrase: "of his wounds", "in the bombing", "after a roadside IED detonated"
        if child.dep_ == "prep" and child.lower_ in CAUSE_PREPS:
            for obj in (g for g in child.subtree if g.i != child.i):
                lemma = obj.lemma_.lower()
                # "died in a fire", "died of cancer"
                if lemma in ACCIDENT_NOUNS and obj.head.i == child.i:
                    return False
                # "died of his wounds", "died in the attacks"
                if lemma in VIOLENT_CAUSE_NOUNS or trigger_type(obj) in ARMED_TYPES:
                    return True
        # a clause: "died after a roadside IED detonated under a convoy"
        if child.dep_ == "advcl" and child.pos_ == "VERB" and trigger_type(child) in ARMED_TYPES:
            return True
    return False


def injuring_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    # "a car crash injured five": an accident, no one did it
    if accidental(verb):
        return None
    # "the sanctions hurt the economy", "beat the odds": only people are injured
    if lemma in PERSON_PATIENT_VERBS and not harms_someone(verb):
        return None
    # "his positions hurt him among Hispanics": "hurt" is an injury only as "were hurt"
    if lemma in PASSIVE_ONLY_INJURY_VERBS and not (is_passive(verb) or verb.dep_ in {"acl", "amod"}):
        return None
    # "injured in a crash", "hurt in a fall": an accident
    if any(c.dep_ == "prep" and any(g.lemma_.lower() in ACCIDENT_NOUNS for g in c.children) for c in verb.children):
        return None
    return event_type


def capture_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    # "take" is a capture only as "took control (of)" (read in verb_trigger) or "took over" a place
    if lemma == "take" and ("over" not in particles or not objects_of(verb)):
        return None
    # "Russia, which occupies a fifth of Ukraine": a state of affairs, not an event
    if lemma == "occupy" and verb.tag_ not in {"VBD", "VBN"}:
        return None
    # "seized on those words": an idiom
    if any(c.dep_ == "prep" and c.lower_ in {"on", "upon"} for c in verb.children) and not objects_of(verb):
        return None
    patients = [held(p) for p in patients_of(verb)]
    # "captured three soldiers", "seized hundreds of hostages": people are arrested, not captured
    if lemma in {"capture", "seize"} and any(names_people(p) for p in patients):
        return ARREST
    # "occupied a role", "seized the initiative": only territory is captured
    if patients and not any(is_territory(p) for p in patients):
        return None
    return event_type


def held(patient: Token) -> Token:
    """ "took control of the village": what the control is of."""
    if patient.lemma_.lower() in CAPTURE_OBJECTS:
        of = [g for p in patient.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        if of:
            return of[0]
    return patient


def is_territory(token: Token) -> bool:
    """A place: a named one ("Rakivka", "Bakhmut", whatever NER made of a village's name) or a word for one ("a
    settlement", "the village of X"); not a person, a group or a common noun such as "the nomination"."""
    if token.ent_type_ in PLACE_ENTITIES or token.lemma_.lower() in TERRITORY_NOUNS:
        return True
    return token.pos_ == "PROPN" and token.ent_type_ not in NOT_PLACE_ENTITIES


def call_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    # "a settlement called Rakivka", "what it calls root causes": naming, not calling
    if any(c.dep_ == "oprd" for c in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return None
    # "called for a ceasefire", "called on Kyiv to": an appeal ("on Monday" is only a date)
    appeals = [p for p in verb.children if p.dep_ in {"prep", "prt"} and p.lower_ in CALL_EXCLUDED_PREPS
               and not any(o.ent_type_ in DATE_LABELS for o in p.children)]
    if lemma == "call" and appeals:
        return DEMAND if any(p.lower_ in APPEAL_PREPS for p in appeals) else None
    # "speak" is a call only "with/to" someone ("spoke to reporters" falls out for want of a second actor)
    if lemma == "speak" and not preps & PARTNER_PREPS:
        return None
    return event_type


def release_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    patients = patients_of(verb)
    # "images released by the office", "released a statement", "released 30 years of tax returns": publishing
    if any(r.lemma_.lower() in MEDIA_NOUNS for r in patients):
        return None
    # only people are freed: "released 390 prisoners", "freed him"
    if patients and not any(names_people(p) or p.like_num or p.lower_ in PERSON_PRONOUNS for p in patients):
        return None
    return event_type


def agreement_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    # "agreed a sanctions package": the support verb of the event noun, which is read instead
    if any(trigger_at(o) is not None for o in objects_of(verb)):
        return None
    return event_type


def exchange_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    objects = objects_of(verb)
    # "exchanged fire", "exchanged views", "exchanged emails": only people are swapped
    if {o.lemma_.lower() for o in objects} & EXCHANGE_EXCLUDED:
        return None
    # "exchanged 307 of their service personnel", "swapped prisoners"; not "exchanged letters"
    if objects and not any(names_people(o) or o.like_num for o in objects):
        return None
    return event_type


def arrest_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    # "the ship was detained in port" is fine; "jailed" as an adjective ("the jailed leader") is a state
    if verb.dep_ == "amod":
        return None
    return event_type


def coercion_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    # "felt compelled to", "were forced to flee": coerced by no one named
    if verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children):
        return None
    # "forced them to vote", "pressured him into resigning"; not "forced a draw", "pressured prices"
    if lemma in INFINITIVE_DEMAND_VERBS and not has_infinitive(verb):
        return None
    # "expelled the diplomats", "intimidating protesters": people are coerced
    if lemma in PERSON_PATIENT_VERBS and not harms_someone(verb):
        return None
    return event_type


def protest_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    # "demonstrated its strength", "demonstrated that it works": showing, not protesting
    if lemma == "demonstrate" and any(c.dep_ in DEMONSTRATE_OBJECT_DEPS for c in verb.children):
        return None
    return event_type


def demand_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    # "asked them to leave", "ordered troops to withdraw"; not "asked a question", "ordered a pizza"
    if lemma in INFINITIVE_DEMAND_VERBS and not has_infinitive(verb):
        return None
    return event_type


def mobilization_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    # "deployed troops", "troops were deployed"; not "deployed a new app"
    moved = patients_of(verb)
    if moved and not any(m.lemma_.lower() in FORCE_NOUNS or m.lower_ in FORCE_NOUNS for m in moved):
        return None
    return event_type


def announcement_verb(verb: Token, lemma: str, event_type: str) -> str | None:
    # "the ministry issued a statement": issuing is announcing only of a statement ("issued a ban" is no news)
    if lemma == "issue" and not any(o.lemma_.lower() in STATEMENT_NOUNS for o in objects_of(verb)):
        return None
    return event_type


VERB_RULES = {
    ATTACK: attack_verb, KILLING: killing_verb, INJURING: injuring_verb, CAPTURE: capture_verb,
    PHONE_CALL: call_verb, RELEASE: release_verb, AGREEMENT: agreement_verb,
    PRISONER_EXCHANGE: exchange_verb, ARREST: arrest_verb, COERCION: coercion_verb, PROTEST: protest_verb,
    DEMAND: demand_verb, MOBILIZATION: mobilization_verb, ANNOUNCEMENT: announcement_verb,
}


# --- type rules for nouns -----------------------------------------------------------------------------


def noun_trigger(noun: Token, key: str) -> tuple[str, Token, int, int] | None:
    lemma = noun.lemma_.lower()
    # "talks" only in the plural
    if lemma in PLURAL_ONLY_NOUNS and noun.tag_ not in {"NNS", "NNPS"} and noun.lower_ != "talks":
        return None
    # "aid workers", "attack helicopters", "protest leaders": the noun names a kind of thing, not an event
    if noun.dep_ == "compound" and noun.head.lemma_.lower() not in ANCHOR_HEADS and noun.head.pos_ in {"NOUN", "PROPN"}:
        return None
    event_type = NOUN_RULES.get(NOUN_TRIGGERS[key], keep_noun)(noun, key, NOUN_TRIGGERS[key])
    if event_type is None:
        return None
    # "sanctions package": the package is the syntactic anchor, the phrase the trigger
    anchor = noun
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in ANCHOR_HEADS:
        anchor = noun.head
    start = min([noun.i, *(c.i for c in anchor.lefts if c.dep_ == "compound")])
    return event_type, anchor, start, anchor.i + 1


def keep_noun(noun: Token, key: str, event_type: str) -> str | None:
    return event_type


def noun_modifiers(noun: Token) -> set[str]:
    return {c.lemma_.lower() for c in noun.children if c.dep_ in NOMINAL_MODIFIERS}


def noun_objects(noun: Token) -> set[str]:
    return {g.lemma_.lower() for p in noun.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"}


def strike_noun(noun: Token, key: str, event_type: str) -> str | None:
    # "a heart attack", "a panic attack"
    if noun_modifiers(noun) & MEDICAL_MODIFIERS:
        return None
    # "two accidental explosions": nobody attacked
    if noun_modifiers(noun) & ACCIDENT_MODIFIERS:
        return None
    if key != "strike":
        return event_type
    by_objects = {g.lemma_.lower() for g in Arguments.prep_objects(noun, AGENT_PREPS)}
    # a labour strike is a protest: "workers' strike", "general strike", "strike by dockers"
    if noun_modifiers(noun) & WORKER_NOUNS or by_objects & WORKER_NOUNS:
        return PROTEST
    # "a 48-hour strike", "a one-day strike": a stoppage for a set time is a labour strike
    if noun_modifiers(noun) & STOPPAGE_UNITS:
        return PROTEST
    # "went on strike", "are on strike"
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in STRIKE_SUPPORT_VERBS:
        return PROTEST
    # "workers held a strike", "the union called a strike"
    if noun.dep_ in OBJECTS and any(s.dep_ in SUBJECTS and s.lemma_.lower() in WORKER_NOUNS for s in head.children):
        return PROTEST
    return event_type


def exchange_noun(noun: Token, key: str, event_type: str) -> str | None:
    # "exchange of fire", "exchange rate"
    if (noun_modifiers(noun) | noun_objects(noun)) & EXCHANGE_EXCLUDED:
        return None
    # "an exchange between Mitchell and Sanders" is a conversation: an exchange swaps people ("prisoner exchange",
    # "an exchange of 300 soldiers"); "swap" is read as one anyway
    swapped = noun_modifiers(noun) | noun_objects(noun)
    if key == "exchange" and not any(w in PERSON_NOUNS or w in SWAPPED_NOUNS for w in swapped):
        return None
    return event_type


def agreement_noun(noun: Token, key: str, event_type: str) -> str | None:
    # "a great deal of"
    if key == "deal" and noun_modifiers(noun) & {"great", "good"}:
        return None
    return event_type


def release_noun(noun: Token, key: str, event_type: str) -> str | None:
    # "press release", "the release of the report"
    if (noun_modifiers(noun) | noun_objects(noun)) & MEDIA_NOUNS:
        return None
    return event_type


def call_noun(noun: Token, key: str, event_type: str) -> str | None:
    partners = {p.lower_ for p in noun.children if p.dep_ == "prep"}
    # a call between actors: "a phone call", "a call with Putin"
    if noun_modifiers(noun) & CALL_NOUN_MARKERS or partners & ((PARTNER_PREPS | BETWEEN_PREPS) - {"to"}):
        return event_type
    # "calls for restraint", "his call on Russia to withdraw": an appeal
    if partners & APPEAL_PREPS:
        return DEMAND
    return None


def protest_noun(noun: Token, key: str, event_type: str) -> str | None:
    # "March" the month is a date entity
    if key == "march" and noun.text[:1].isupper():
        return None
    # a rally or march protests only "against/over/for" something ("a rally against the deal"); a campaign rally
    # or "a rally in stocks" does not
    if key in {"rally", "march"}:
        preps = {p.lower_ for p in noun.children if p.dep_ == "prep"}
        modifiers = {c.lower_ for c in noun.children if c.dep_ in {"amod", "compound"}}
        if not (preps & PROTEST_PREPS or any(m.startswith(("anti", "pro-")) for m in modifiers)):
            return None
    return event_type


def threat_noun(noun: Token, key: str, event_type: str) -> str | None:
    # "the threat of execution", "a threat to peace": a danger, not someone threatening
    if any(p.dep_ == "prep" and p.lower_ in {"of", "to"} for p in noun.children) and not noun_agent_words(noun):
        return None
    return event_type


def noun_agent_words(noun: Token) -> list[Token]:
    """The possessive or "by" phrase of an event noun: "Russia's threats", "threats by the rebels"."""
    return [c for c in noun.children if c.dep_ == "poss"] + Arguments.prep_objects(noun, AGENT_PREPS)


def aid_noun(noun: Token, key: str, event_type: str) -> str | None:
    # "hearing aid", "first aid", "visual aids": devices, not assistance
    if noun_modifiers(noun) & {"hearing", "first", "visual", "teaching", "study"}:
        return None
    return event_type


def killing_noun(noun: Token, key: str, event_type: str) -> str | None:
    # "made a killing on the stock market": a profit
    if noun.dep_ in DIRECT_OBJECTS and noun.head.lemma_.lower() == "make":
        return None
    return event_type


def capture_noun(noun: Token, key: str, event_type: str) -> str | None:
    # "Trump's capture of the nomination": only territory is captured; "the capture of three soldiers" is an arrest
    captured = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    if any(names_people(g) for g in captured):
        return ARREST
    if captured and not any(is_territory(g) for g in captured):
        return None
    return event_type


NOUN_RULES = {
    KILLING: killing_noun,
    CAPTURE: capture_noun,
    ATTACK: strike_noun, PRISONER_EXCHANGE: exchange_noun, AGREEMENT: agreement_noun, RELEASE: release_noun,
    PHONE_CALL: call_noun, PROTEST: protest_noun, THREAT: threat_noun, AID: aid_noun,
}


def adjective_trigger(adjective: Token, lemma: str) -> tuple[str, Token, int, int] | None:
    """ "shot dead" (the result of a shooting), "nine people were dead"; not "the deal is dead"."""
    if adjective.dep_ == "oprd" and trigger_type(adjective.head) == ATTACK:
        return ADJECTIVE_TRIGGERS[lemma], adjective, adjective.i, adjective.i + 1
    if adjective.dep_ == "acomp" and any(names_people(s) for s in subjects_of(adjective.head)):
        return ADJECTIVE_TRIGGERS[lemma], adjective, adjective.i, adjective.i + 1
    return None


def names_people(token: Token) -> bool:
    """A noun phrase for people: "three soldiers", "a suicide bomber", "Americans", "police"."""
    if noun_forms(token) & (PERSON_NOUNS | GROUP_NOUNS):
        return True
    return token.ent_type_ in {"PERSON", "NORP"} and token.pos_ in {"NOUN", "PROPN"}


def noun_forms(token: Token) -> set[str]:
    """The word, its lemma and, for a capitalized plural the tagger took for a name ("Rebels attacked"), its
    singular."""
    lower = token.lower_
    forms = {lower, token.lemma_.lower()}
    if token.tag_ == "NNPS" or (token.pos_ == "PROPN" and lower.endswith("s")):
        forms.add(lower[:-1])
    return forms


# === 2. modality ===========================================================================================


def irrealis_verb(verb: Token) -> bool:
    """A hypothetical, conditional, intended or negated verb: "could tighten", "if it attacks", "to negotiate"."""
    children = list(verb.children)
    # modal: "could", "would", "will"
    if any(c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in children):
        return True
    # negated: "did not attack"
    if any(c.dep_ == "neg" for c in children):
        return True
    # conditional: "if it blocked peace"
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return True
    # infinitive: an intention ("efforts to negotiate"), unless reported or perfect ("claimed to have captured")
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in children):
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
        if not perfect and verb.head.lemma_.lower() not in REALIS_INFINITIVE_HEADS:
            return True
    # under an intention: "threatened to strike", "wants to discuss"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in IRREALIS_GOVERNORS:
        return True
    return False


def governing_word(noun: Token) -> Token | None:
    """The verb, adjective or noun a noun phrase is an argument of: "tighten [sanctions]", "efforts to [deal]"."""
    token = noun
    for _ in range(4):
        if token.head is token:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX", "ADJ"}:
            return token
        if token.pos_ == "NOUN" and token.dep_ != "compound":
            return token
    return None


def irrealis_noun(noun: Token) -> bool:
    """ "future attacks", "no talks", "could tighten sanctions", "efforts to negotiate a deal"."""
    if any(c.dep_ == "amod" and c.lower_ in IRREALIS_MODIFIERS for c in noun.children):
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    governor = governing_word(noun)
    if governor is None:
        return False
    if governor.lemma_.lower() in IRREALIS_GOVERNORS:
        return True
    return governor.pos_ in {"VERB", "AUX"} and irrealis_verb(governor)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_MARKERS for c in verb.children) or any(
        c.dep_ == "agent" for c in verb.children
    )


# === 3. arguments ==========================================================================================


# === 3. arguments ==========================================================================================


class Arguments:
    """The argument rules of one article: each helper reads one pattern and returns actor keys."""

    def __init__(self, doc: Doc, actors: ActorIndex):
        self.doc = doc
        self.actors = actors
        self._mentioned = {m.key for m in actors.mentions}

    # --- noun phrases to actors ------------------------------------------------------------------

    def nominal(self, token: Token, *, modifiers: set[str] = NOMINAL_MODIFIERS) -> list[str]:
        """Actors a noun phrase names: its head, else its modifiers ("Russian delegations"), and conjuncts."""
        keys: list[str] = []
        # relative pronoun: "Russia, which occupies ..." -> Russia; "Nidal Hasan, the psychiatrist who" -> Hasan
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            antecedent = token.head.head
            if antecedent.dep_ == "appos" and self.actors.actor_at(antecedent.head.i):
                antecedent = antecedent.head
            return self.nominal(antecedent, modifiers=modifiers)
        head_key = self.capital(token) or self.actors.actor_at(token.i)
        if head_key:
            keys.append(head_key)
        else:
            # "a settlement called Rakivka" -> Rakivka
            for acl in (c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in NAMING_VERBS):
                keys.extend(k for c in acl.children if c.dep_ == "oprd" for k in self.nominal(c))
            # "the village of Novomykhailivka", "control of the town": the "of" object
            if not keys and token.lemma_.lower() in CONTAINER_NOUNS:
                for place in self.prep_objects(token, {"of"}):
                    keys.extend(self.nominal(place, modifiers=modifiers))
            # "Russian and Ukrainian delegations", "Zelenskyy's office", "the governor ..., Oleh Kiper"
            if not keys:
                for child in (c for c in token.children if c.dep_ in modifiers):
                    for part in (child, *(c for c in child.children if c.dep_ == "conj")):
                        key = self.capital(part) or self.actors.actor_at(part.i)
                        if key:
                            keys.append(key)
        # "Russia and Ukraine": every conjunct
        for conj in (c for c in token.children if c.dep_ == "conj"):
            keys.extend(self.nominal(conj, modifiers=modifiers))
        return list(dict.fromkeys(keys))

    def capital(self, token: Token) -> str | None:
        """ "the Ukrainian capital", "Ukraine's capital" -> that state's capital (Kyiv Q1899)."""
        if token.lemma_.lower() != "capital" or token.pos_ not in {"NOUN", "PROPN"}:
            return None
        for child in token.children:
            if child.dep_ in {"amod", "poss", "compound"}:
                key = self.actors.actor_at(child.i)
                if key and self.actors.kind(key) == "State":
                    return self.actors.add_capital(token.i, key)
        return None

    def party(self, keys: Iterable[str]) -> list[str]:
        """Actors that can act: a capital city speaks for its state ("Moscow"), other places cannot act."""
        out = []
        for key in keys:
            if self.actors.kind(key) == "Place":
                state = self.actors.state_for(key)
                # a state known only through its capital has no mention of its own: leave it out
                if state is None or state not in self._mentioned:
                    continue
                key = state
            out.append(key)
        return list(dict.fromkeys(out))

    def places(self, keys: Iterable[str]) -> list[str]:
        return [k for k in keys if self.actors.kind(k) in {"Place", "State"}]

    def people(self, token: Token) -> list[str]:
        """Actors a noun phrase names, else the people it describes, each conjunct apart: "a suicide bomber",
        "police". Armed men and officials act for the state or group that modifies them ("Russian troops",
        "Taliban gunmen"); other people act for themselves ("Ukrainian workers" are not Ukraine)."""
        keys: list[str] = []
        for part in (token, *conjuncts(token)):
            # "They killed 23 soldiers": the group named just before
            if (group := self.plural_pronoun(part)) is not None:
                keys.append(group)
                continue
            if part.lower_ in PRONOUNS - PERSONAL_PRONOUNS - RELATIVE_PRONOUNS:
                continue  # "that", "this", "it": no one in particular
            own = self.own(part)
            civilians = names_people(part) and not noun_forms(part) & ARMED_NOUNS
            named = [own] if own else ([] if civilians else self.nominal(part))
            if named:
                keys.extend(named)
            elif (key := self.described(part) or self.missed_name(part)) is not None:
                keys.append(key)
        return list(dict.fromkeys(keys))

    def victims(self, token: Token) -> list[str]:
        """The people harmed: a named person, else the people described ("three Russian soldiers" are not Russia),
        "more than 260 others", "the three", each conjunct apart ("men, women and children"), but not the parts of
        a count ("11 people, six men and five women" are 12 people)."""
        keys: list[str] = []
        parts = conjuncts(token)
        for part in (token, *([] if breakdown(token, parts) else parts)):
            if part.lower_ in RELATIVE_PRONOUNS and part.head.dep_ == "relcl":
                keys.extend(self.victims(part.head.head))  # "two of whom": the people the clause is about
                continue
            # "those injured", "those who died": people described by what happened to them
            if part.lower_ == "those" and any(c.dep_ in {"acl", "relcl"} for c in part.children):
                keys.append(self.actors.add_description(part.doc[part.i : part.i + 1]))
                continue
            if part.lower_ in PRONOUNS - PERSONAL_PRONOUNS:
                continue  # "that", "it": no one in particular
            own = self.own(part)
            if own is not None:
                keys.append(own)
            elif (key := self.described(part, victim=True)) is not None:
                keys.append(key)
            else:
                keys.extend(self.nominal(part) or [k for k in [self.missed_name(part)] if k])
        return list(dict.fromkeys(keys))

    def missed_name(self, token: Token) -> str | None:
        """A name the entity recognizer missed where a doer or a victim stands ("the PKK accepted responsibility",
        "Karimov died"): a capitalised proper noun with its proper-noun compounds, typed as
        nothing; an acronym is an organization, another name a person."""
        if token.pos_ != "PROPN" or token.ent_type_ or token.tag_ != "NNP" or not token.text[:1].isupper():
            return None
        if is_weapon(token) or trigger_type(token) is not None or noun_forms(token) & (PERSON_NOUNS | GROUP_NOUNS):
            return None  # "a roadside IED", "the Bombing", "Caption People": things, events and common nouns
        doc = token.doc
        start = token.i
        while start > 0 and doc[start - 1].dep_ in {"compound", "flat"} and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].head.i <= token.i and not doc[start - 1].ent_type_:
            start -= 1
        name = doc[start : token.i + 1]
        # a capitalised word opening a sentence may be any word the tagger took for a name
        if name.start == sentence_start(token) or any(not t.text[:1].isupper() for t in name):
            return None
        kind = "Organization" if len(token.text) > 1 and token.text.isupper() else "Person"
        return self.actors.add_name(name, kind)

    def own(self, token: Token) -> str | None:
        """The actor the word itself names: "Kyiv", "the Ukrainian capital", "she"; not a nationality used as a
        noun ("a Muslim American" is a person, not the United States)."""
        mention = self.actors.mention_at(token.i)
        if mention is not None and mention.adjective and token.pos_ in {"NOUN", "PROPN"}:
            return None
        return self.capital(token) or (mention.key if mention else None) or self.pronoun(token)

    def pronoun(self, token: Token) -> str | None:
        """ "he", "her": the person named last, in this or the previous sentence."""
        if token.lower_ not in PERSONAL_PRONOUNS:
            return None
        return self.actors.last_before(token.i, ("Person",), max_sentences=2)

    def plural_pronoun(self, token: Token) -> str | None:
        """ "they", "them": the group named or described last in this or the previous sentence (an organization,
        or people named by a plural noun), a subject first: "Taliban suicide bombers attacked ... They killed 23
        soldiers", "armed separatists bombed the Central Post Office. In 2004, they attacked ..."."""
        if token.lower_ not in PLURAL_PRONOUNS:
            return None
        horizon = sentence_start(token, back=1)
        groups = []
        for mention in self.actors.mentions:
            if mention.adjective or not horizon <= mention.start < token.i:
                continue
            kind = self.actors.kind(mention.key)
            head = self.doc[mention.end - 1]
            if kind == "Organization" or (kind == "Person" and head.tag_ in {"NNS", "NNPS"}):
                groups.append((in_subject(head), mention.start, mention.key))
        return max(groups)[2] if groups else None

    def described(self, token: Token, *, victim: bool = False) -> str | None:
        """An unnamed actor for a noun phrase about people ("a major general", "police"), or a victim's count
        ("wounding eight", "scores died")."""
        lemma = token.lemma_.lower()
        # "they", "this", "some": no one described (a victim count such as "many" aside)
        if token.lower_ in PRONOUNS or (token.pos_ == "PRON" and lemma not in VICTIM_QUANTIFIERS):
            return None
        # a word that already names someone ("American" for the United States) cannot also name the unnamed
        if self.actors.mention_at(token.i) is not None:
            return None
        counted = victim and (token.like_num or lemma in NUMBER_WORDS or {lemma, token.lower_} & VICTIM_QUANTIFIERS
                              or (lemma == "life" and count_of(token) is not None))
        # a word for people, or a count of victims ("wounding eight"); "the building" is no actor
        if not (names_people(token) or counted):
            return None
        # "members of the police force": the head names the people, an "of" phrase says whose
        forms = noun_forms(token)
        kind = "Organization" if forms & GROUP_NOUNS and not forms & PERSON_NOUNS else "Person"
        return self.actors.add_description(phrase_span(token), kind)

    def site(self, token: Token) -> str | None:
        """An unnamed place for a noun phrase about one ("the bakery", "port infrastructure", "a busy pedestrian
        street"); None for other words, pronouns and words that name an actor."""
        if token.pos_ not in {"NOUN", "PROPN"} or token.lemma_.lower() not in SITE_NOUNS:
            return None
        if self.actors.mention_at(token.i) is not None:
            return None
        return self.actors.add_description(phrase_span(token), "Place")

    @staticmethod
    def following_objects(token: Token, preps: set[str]) -> list[Token]:
        """Like ``prep_objects``, for phrases after the word only: "On CNN, she called for ..." has no target."""
        return [o for o in Arguments.prep_objects(token, preps) if o.head.i > token.i]

    @staticmethod
    def prep_objects(token: Token, preps: set[str]) -> list[Token]:
        """Objects of ``token``'s prepositions in ``preps``: "talks [in] Istanbul" -> Istanbul; a preposition the
        parser took for a particle counts when it has an object ("called [on] Muslims to")."""
        return [
            obj
            for prep in token.children
            if prep.dep_ in {"prep", "agent", "prt"} and prep.lower_ in preps
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]

    # --- agents ---------------------------------------------------------------------------------

    def subject(self, verb: Token, *, people: bool = False) -> list[str]:
        """nsubj of the verb with its conjuncts: "Russia and Ukraine each exchanged" -> both; with ``people``
        an unnamed doer too ("a suicide bomber blew himself up", "police arrested")."""
        read = self.people if people else self.nominal
        return [k for s in verb.children if s.dep_ in SUBJECTS for k in read(s)]

    def passive_agent(self, verb: Token, *, people: bool = False) -> list[str]:
        """ "was announced by Russia's Defence Ministry, and separately by Zelenskyy" -> both."""
        if not is_passive(verb):
            return []
        read = self.people if people else self.nominal
        return [k for obj in self.prep_objects(verb, AGENT_PREPS) for k in read(obj)]

    def controller(self, verb: Token, *, people: bool = False) -> list[str]:
        """The subject a subjectless gerund or infinitive borrows: "claimed ... to have captured" -> Russia; with
        ``people`` an unnamed or pronoun doer too ("They killed two guards and wounded another five")."""
        if any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS | {"expl"} for c in verb.children):
            return []
        infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
        # a bare passive participle ("prisoners released", "were mutilated, injured") has no agent to borrow
        if verb.tag_ == "VBN" and not infinitive and (
            verb.dep_ in {"acl", "amod", "ccomp"} or (verb.dep_ == "conj" and is_passive(verb.head))
        ):
            return []
        if not (verb.tag_ == "VBG" or infinitive or verb.dep_ in {"xcomp", "conj"}):
            return []
        token = verb
        for _ in range(4):
            if token.dep_ not in CONTROLLED_DEPS or token.head is token:
                return []
            token = token.head
            # "criticized Benson for shooting Hale", "accused the senator of associating": the object did it
            if token.dep_ == "prep" and token.lower_ in OBJECT_CONTROL_PREPS and token.head.pos_ == "VERB":
                if objects := [o for o in token.head.children if o.dep_ in DIRECT_OBJECTS]:
                    return [k for o in objects for k in self.nominal(o)]
            if token.pos_ in {"VERB", "AUX"}:
                subjects = [c for c in token.children if c.dep_ in SUBJECTS]
                # "the leadership was taken aback and issued a statement": an active verb coordinated with a
                # passive one shares its subject
                if not subjects and verb.dep_ == "conj" and token.i == verb.head.i and not is_passive(verb):
                    subjects = [c for c in token.children if c.dep_ in PASSIVE_SUBJECTS]
                if subjects:
                    read = self.people if people else self.nominal
                    return [k for s in subjects for k in read(s)]
        return []

    def noun_modifier(self, noun: Token, trigger_start: int) -> tuple[list[str], list[str]]:
        """(agents, places) of an event noun's modifiers: "Russian bombardment", "Russia's attack"."""
        agents, places = [], []
        tokens = [c for c in noun.children if c.dep_ in NOUN_AGENT_MODIFIERS]
        # "Russian missile strike": modifiers of the compound inside the trigger phrase too
        tokens += [c for t in noun.doc[trigger_start : noun.i] for c in t.children if c.dep_ in {"amod", "poss"}]
        named_event = any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        for modifier in tokens:
            for part in (modifier, *(c for c in modifier.children if c.dep_ == "conj")):
                key = self.actors.actor_at(part.i)
                if key is None:
                    continue
                kind = self.actors.kind(key)
                if kind == "Place":
                    places.append(key)  # "the Kyiv attack" happened in Kyiv
                elif modifier.dep_ == "compound" and named_event and kind != "State":
                    continue  # "the Boston Marathon bombing", "the Rolando attack": the event's name, not its doer
                elif modifier.dep_ == "compound" and (part.ent_type_ in SITE_LABELS or
                                                      part.lemma_.lower() in SITE_NOUNS):
                    continue  # "2014 Bagram Airfield bombing", "the Oklahoma City stadium attack": a site does nothing
                else:
                    agents.append(key)
        return list(dict.fromkeys(agents)), places

    def support_verb(self, noun: Token, *, people: bool = False) -> list[str]:
        """The doer named by the verb that takes the event noun: "the EU issued its sanctions package", "dockers
        went on strike", "the ambush was carried out by FLNC", "attacks carried out by extremists"."""
        noun = collective(noun)
        verb = noun.head
        read = self.people if people else self.nominal
        # "attacks carried out by extremists": a participle clause on the noun
        for clause in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in DOING_VERBS):
            if keys := [k for o in self.prep_objects(clause, AGENT_PREPS) for k in read(o)]:
                return keys
        # "the ambush was carried out by FLNC"
        if noun.dep_ in PASSIVE_SUBJECTS and verb.lemma_.lower() in DOING_VERBS:
            return self.passive_agent(verb, people=people)
        # "the ambush is thought to have been carried out by FLNC": the doing verb is the complement
        if noun.dep_ in PASSIVE_SUBJECTS:
            for doing in (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in DOING_VERBS):
                if keys := self.passive_agent(doing, people=people):
                    return keys
        # "went on strike", "are on strike"
        if noun.dep_ == "pobj" and verb.lower_ == "on" and verb.head.lemma_.lower() in STRIKE_SUPPORT_VERBS:
            verb = verb.head
        elif noun.dep_ not in {"dobj", "obj"} or verb.lemma_.lower() not in SUPPORT_VERBS:
            return []
        return self.subject(verb, people=people) or self.passive_agent(verb, people=people) or self.controller(verb)

    @staticmethod
    def support_head(noun: Token) -> Token | None:
        """The support verb whose phrases the parser may have hung the event noun's on: "launched [a series of]
        airstrikes on Gaza", "held talks in Istanbul", "went on strike in Odesa"."""
        noun = collective(noun)
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "on" and verb.head.lemma_.lower() in STRIKE_SUPPORT_VERBS:
            return verb.head
        if noun.dep_ in {"dobj", "obj"} and verb.lemma_.lower() in SUPPORT_VERBS:
            return verb
        return None

    def responsible(self, noun: Token) -> list[str]:
        """Who is responsible: "the IRA accepted responsibility for the bombings", "a man believed to be
        responsible for a Friday blast", "the bomber behind the Manchester bombing"."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in {"for", "behind"}:
            return []
        holder = noun.head.head
        # "the bomber behind the bombing": the people the phrase describes
        if noun.head.lower_ == "behind":
            return self.people(holder) if names_people(holder) else []
        # "accepted responsibility for", "claimed responsibility for"; not "no group has claimed responsibility"
        if holder.lemma_.lower() in RESPONSIBILITY_NOUNS and holder.head.lemma_.lower() in RESPONSIBILITY_VERBS:
            verb = holder.head
            if irrealis_verb(verb) or any(d.lower_ == "no" for s in subjects_of(verb) for d in s.children):
                return []
            return self.subject(verb, people=True)
        # "is responsible for", "believed to be responsible for"
        if holder.lower_ in RESPONSIBLE_WORDS:
            verb = holder.head
            return self.subject(verb, people=True) or self.controller(verb)
        return []

    def involved(self, noun: Token) -> list[str]:
        """Who took part in it did it: "five men involved in the bombing", "those responsible were
        implicated in the attack"."""
        noun = collective(noun)
        if noun.dep_ != "pobj" or noun.head.lower_ != "in" or noun.head.head.lemma_.lower() not in INVOLVE_VERBS:
            return []
        verb = noun.head.head
        holders = [verb.head] if verb.dep_ == "acl" else [c for c in verb.children
                                                          if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        keys = []
        for holder in holders:
            # "those responsible": people described by what they did
            if holder.lower_ == "those" and any(c.dep_ in {"amod", "acl", "relcl"} for c in holder.children):
                keys.append(self.actors.add_description(holder.doc[holder.i : holder.i + 1]))
            else:
                keys.extend(self.people(holder))
        return keys

    def copula_places(self, noun: Token) -> list[str]:
        """ "the first blast was at the railway station": where the event noun, subject of "be", was."""
        if noun.dep_ not in SUBJECTS or noun.head.lemma_.lower() != "be":
            return []
        return self.place_phrases(noun.head, depth=0)

    @staticmethod
    def striking_verb(noun: Token, event_type: str) -> Token | None:
        """The verb an attack noun is the subject of when it says what the attack struck ("the blast hit")."""
        if event_type != ATTACK or noun.dep_ not in SUBJECTS or noun.head.lemma_.lower() not in STRIKING_VERBS:
            return None
        return noun.head

    def struck_by(self, noun: Token, event_type: str) -> list[str]:
        """ "the explosion hit a school", "a blast destroyed the building": the objects of the striking verb."""
        verb = self.striking_verb(noun, event_type)
        if verb is None:
            return []
        return [k for o in self.objects(verb) for k in self.nominal(o) or self.struck_site(o, event_type)]

    def struck_by_places(self, noun: Token, event_type: str) -> list[str]:
        """ "the explosion hit a school on Market Street": where what it struck is."""
        verb = self.striking_verb(noun, event_type)
        return self.object_places(verb) if verb is not None else []

    def aimed_at(self, noun: Token, event_type: str) -> list[str]:
        """ "bombings targeted at the army", "the attacks, which seemed to be aimed at civilians", "the attacks
        were directed at police stations": what an attack noun was aimed at is its target."""
        if event_type not in SITE_TARGET_TYPES:
            return []
        clauses = [c for c in noun.children if c.dep_ in {"acl", "relcl"}]
        clauses += [x for c in clauses for x in c.children if x.dep_ == "xcomp"]  # "which seemed to be aimed at"
        if noun.dep_ in PASSIVE_SUBJECTS:
            clauses.append(noun.head)  # "the attacks were aimed at"
        aiming = [c for c in clauses if c.lemma_.lower() in AIMING_VERBS]
        tokens = [o for c in aiming for o in self.prep_objects(c, {"at", "against"})]
        return [k for t in tokens for k in self.victims(t) or self.struck_site(t, event_type)]

    def support_recipients(self, noun: Token, event_type: str) -> list[str]:
        """Who was handed the event noun: "workers were given an ultimatum", "gave Kyiv military aid"."""
        verb = self.support_head(noun)
        if verb is None or verb.lemma_.lower() not in HANDING_VERBS:
            return []
        recipients = [c for c in verb.children if c.dep_ == "dative"]
        if is_passive(verb):
            recipients += [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
        read = self.victims if event_type in PEOPLE_TARGET_TYPES else self.nominal
        return [k for r in recipients for k in read(r)]

    def support_targets(self, noun: Token) -> list[str]:
        """ "launched airstrikes on Gaza": the parser hangs "on Gaza" on the support verb."""
        verb = self.support_head(noun)
        if verb is None:
            return []
        return [k for o in self.following_objects(verb, TARGET_PREPS) for k in self.nominal(o)]

    def support_places(self, noun: Token) -> list[str]:
        """ "held talks in Istanbul", "went on strike in Odesa": places the parser hangs on the support verb."""
        verb = self.support_head(noun)
        return self.place_phrases(verb) if verb is not None else []

    def between(self, token: Token) -> list[str]:
        """ "between Russian and Ukrainian delegations" -> Russia, Ukraine."""
        return [k for obj in self.prep_objects(token, BETWEEN_PREPS) for k in self.nominal(obj)]

    def partners(self, token: Token) -> list[str]:
        """ "speaking with Putin", "a call with Zelenskyy", "talks with Kyiv"."""
        return [k for obj in self.prep_objects(token, PARTNER_PREPS) for k in self.nominal(obj)]

    # --- targets and places ---------------------------------------------------------------------

    def objects(self, verb: Token) -> list[Token]:
        return [c for c in verb.children if c.dep_ in {"dobj", "obj"}]

    def target_tokens(self, anchor: Token, event_type: str) -> list[Token]:
        """The object, "on/against X", and the subject of a passive: "sanctions against Russia"."""
        tokens = self.following_objects(anchor, TARGET_PREPS | EXTRA_TARGET_PREPS.get(event_type, set()))
        if anchor.pos_ == "VERB":
            tokens += self.objects(anchor) + [c for c in anchor.children if c.dep_ == "dative"]
            if is_passive(anchor):
                tokens += [c for c in anchor.children if c.dep_ in PASSIVE_SUBJECTS]
            # "six service members killed", "an Afghani injured": the noun a bare participle describes (a past
            # form hanging from a noun is a participle even when tagged a past tense)
            if anchor.tag_ in {"VBN", "VBD"} and anchor.dep_ in {"acl", "amod"}:
                described = anchor.head
                # "eight women and four men injured": the participle describes the whole coordination
                while described.dep_ == "conj" and described.i > described.head.i:
                    described = described.head
                tokens.append(described)
            # "130 more were mutilated, injured and scarred": a participle shares the passive subject of its head
            if anchor.tag_ == "VBN" and anchor.dep_ == "conj" and is_passive(anchor.head) and not is_passive(anchor):
                tokens += [c for c in anchor.head.children if c.dep_ in PASSIVE_SUBJECTS]
        return tokens

    def targets(self, anchor: Token, event_type: str) -> list[str]:
        """Keys of the targets; the people harmed, arrested or coerced count even unnamed ("three civilians"), and
        so do those named after "including" ("were arrested, including Eva Forest")."""
        tokens = self.target_tokens(anchor, event_type)
        # "claimed the lives of four militants": the people whose lives; "claimed nine lives": the lives counted
        lives = set(lives_taken(anchor)) if anchor.pos_ == "VERB" else set()
        tokens = [t for o in tokens for t in (self.prep_objects(o, {"of"}) or [o] if o in lives else [o])]
        if event_type in PEOPLE_TARGET_TYPES:
            tokens += [o for t in [anchor, *tokens] for o in self.prep_objects(t, INCLUDING_PREPS)]
            keys = [k for t in tokens for k in self.victims(t) or self.struck_site(t, event_type)]
            return list(dict.fromkeys(keys))
        return [k for t in tokens for k in self.nominal(t) or self.struck_site(t, event_type)]

    def struck_site(self, token: Token, event_type: str) -> list[str]:
        """ "struck port infrastructure", "the bombing of the building": an unnamed place attacked."""
        if event_type not in SITE_TARGET_TYPES:
            return []
        site = self.site(token)
        return [site] if site else []

    def place_phrases(self, token: Token, *, depth: int = 1, preps: set[str] = PLACE_PREPS) -> list[str]:
        """ "in Istanbul", "inside Ukraine"; one level down if the object is no place ("at talks in Istanbul")."""
        keys = []
        # "on a busy pedestrian street": a route one is on is where it happened
        routes = [o for o in self.prep_objects(token, {"on"}) if o.lemma_.lower() in ROUTE_NOUNS]
        routes = [] if "on" in preps else routes
        for obj in self.prep_objects(token, preps) + routes:
            site = None
            found = self.places(self.nominal(obj, modifiers={"compound"}))
            # "in Helmand Province, Afghanistan": the wider place in apposition too
            found += [k for a in obj.children if a.dep_ == "appos" for k in self.places(self.nominal(a))]
            # "at the Riverside bus station", "in the bakery": an unnamed place (and where it is)
            if not found and (site := self.site(obj)) is not None:
                found = [site]
            if (not found or site is not None) and depth > 0:
                found += self.place_phrases(obj, depth=depth - 1)
            keys.extend(found)
        # "during Bloody Sunday in Derry": the place of the occasion the event happened during; "On December 21,
        # 2015 in Bagram": the place the time phrase names
        if depth > 0:
            times = [t for t in self.prep_objects(token, TIME_PREPS) if t.ent_type_ in DATE_LABELS]
            for occasion in self.prep_objects(token, OCCASION_PREPS) + times:
                keys.extend(self.place_phrases(occasion, depth=0))
        return keys

    def where(self, token: Token) -> list[str]:
        """ "the bus station in Belfast, where six people were killed": the place the relative clause is about."""
        clause = token if token.dep_ == "relcl" else token.head
        if clause.dep_ != "relcl" or not any(c.lower_ == "where" for c in clause.children):
            return []
        noun = clause.head
        named = self.places(self.nominal(noun, modifiers={"compound"})) or self.place_phrases(noun, depth=0)
        # "the crowded Millbrook Road tram depot, where at least four people were killed"
        return named or [site for site in [self.site(noun)] if site]

    def there(self, token: Token) -> list[str]:
        """ "struck port infrastructure there": the place named last before it (this or the previous sentence)."""
        keys = []
        for child in token.children:
            if child.lower_ == "there" and child.dep_ == "advmod":
                key = self.named_place_before(child)
                if key:
                    keys.append(key)
        return keys

    def named_place_before(self, token: Token) -> str | None:
        """The place named last before ``token`` in this or the previous sentence ("the governor of Ukraine's Odesa
        region ... struck port infrastructure there" -> Odesa region; not the port infrastructure itself)."""
        horizon = sentence_start(token, back=1)
        named = [m for m in self.actors.mentions
                 if horizon <= m.start < token.i and not m.adjective and self.actors.kind(m.key) == "Place"
                 and not self.actors.records[m.key].anonymous]
        return max(named, key=lambda m: m.start).key if named else None

    def object_places(self, anchor: Token) -> list[str]:
        """Places attached to the object: "captured a settlement called Rakivka in the Kharkiv region", and for an
        event noun to what it struck: "an attack on a crowded market in Kabul"."""
        keys = []
        struck = self.following_objects(anchor, TARGET_PREPS) if anchor.pos_ in {"NOUN", "PROPN"} else []
        for obj in (self.objects(anchor) if anchor.pos_ == "VERB" else struck):
            keys.extend(self.place_phrases(obj, depth=0))
            for acl in (c for c in obj.children if c.dep_ == "acl"):
                keys.extend(self.place_phrases(acl, depth=0))
        return keys

    def passive_scene(self, noun: Token) -> list[str]:
        """ "the Ukrainian capital was rocked by a bombardment": what the by-agent noun hit."""
        return [k for s in self.scene_tokens(noun) for k in self.nominal(s)]

    def scene_places(self, noun: Token) -> list[str]:
        """ "the Murrah Federal Building in Oklahoma City was shattered by an explosion": where what it hit is."""
        return [k for s in self.scene_tokens(noun) for k in self.place_phrases(s, depth=0)]

    @staticmethod
    def scene_tokens(noun: Token) -> list[Token]:
        if noun.dep_ != "pobj" or noun.head.dep_ != "agent":
            return []
        return [s for s in noun.head.head.children if s.dep_ in PASSIVE_SUBJECTS]

    # --- instruments ----------------------------------------------------------------------------

    def instruments(self, anchor: Token) -> list[tuple[int, int]]:
        """Weapon phrases: "with two missiles", "using long-range drones and ballistic missiles", "bombs
        exploded", "detonated 20 bombs", "killed by an improvised explosive device", "a missile strike"."""
        tokens = [o for o in self.prep_objects(anchor, INSTRUMENT_PREPS) if is_weapon(o)]
        # "a bombardment using long-range drones": a using-clause on the trigger
        for clause in (c for c in anchor.children if c.dep_ in {"acl", "advcl"} and c.lemma_ in INSTRUMENT_VERBS):
            tokens += [o for o in clause.children if o.dep_ in DIRECT_OBJECTS and is_weapon(o)]
        if anchor.pos_ == "VERB":
            # "bombs exploded", "a device that exploded", "detonated 20 bombs": the device itself
            if anchor.lemma_.lower() in DEVICE_VERBS:
                tokens += [d for d in self.devices(anchor)]
            # "Roadside IED kills general": a weapon as the subject
            tokens += [s for s in subjects_of(anchor) if is_weapon(s)]
        else:
            # "a missile strike", "drone attacks": the weapon compound of the event noun
            tokens += [c for c in anchor.children if c.dep_ == "compound" and is_weapon(c)]
        spans = []
        for token in tokens:
            for part in (token, *conjuncts(token)):
                if is_weapon(part) or part.i == token.i:
                    span = phrase_span(part)
                    spans.append((span.start, span.end))
        return list(dict.fromkeys(spans))

    def devices(self, verb: Token) -> list[Token]:
        """What exploded: the subject ("bombs exploded"), the relative clause's noun ("a device that exploded"), the
        object of "detonated" and the passive subject ("bombs were detonated")."""
        found = [c for c in verb.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS | DIRECT_OBJECTS]
        # "the bomb was placed at the entrance and exploded": the subject of the clause it is coordinated with
        if not found and verb.dep_ == "conj":
            found = [c for c in verb.head.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        found = [verb.head if t.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else t for t in found]
        return [t for t in found if t.pos_ in {"NOUN", "PROPN"} and t.lower_ not in PRONOUNS
                and t.lemma_.lower() not in PERSON_NOUNS | GROUP_NOUNS and not t.ent_type_]


def in_subject(token: Token) -> bool:
    """The token heads, modifies or is coordinated with a clause's subject: "[Taliban] gunmen and suicide
    [bombers] attacked"."""
    while token.dep_ in NOMINAL_MODIFIERS | {"conj"} and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECTS


def sentence_start(token: Token, *, back: int = 0) -> int:
    """The first token of ``token``'s sentence, or of the sentence ``back`` sentences before it."""
    sentence = token.sent
    for _ in range(back):
        if sentence.start == 0:
            break
        sentence = token.doc[sentence.start - 1].sent
    return sentence.start


def collective(noun: Token) -> Token:
    """ "launched a series of attacks": the collective noun whose "of" phrase the event noun is, else the noun."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in COLLECTIVE_NOUNS:
        return head.head
    return noun


def conjuncts(token: Token) -> list[Token]:
    """ "Russia and Ukraine", "men, women and children": the tokens coordinated with ``token``."""
    out = []
    for conj in (c for c in token.children if c.dep_ == "conj"):
        out.append(conj)
        out.extend(conjuncts(conj))
    return out


def breakdown(token: Token, parts: list[Token]) -> bool:
    """The counted conjuncts add up to the count of the first: "11 people, six men and five women"."""
    counts = [count_of(t) for t in (token, *parts)]
    return bool(parts) and None not in counts and sum(counts[1:]) == counts[0]


def count_of(noun: Token) -> int | None:
    """The number a noun is counted with: "seven women" -> 7."""
    numbers = [number_value(c) for c in noun.children if c.dep_ == "nummod"]
    return numbers[0] if len(numbers) == 1 else None


def phrase_span(token: Token) -> Span:
    """The noun phrase of ``token`` up to its head, without clauses, "of" phrases or a leading determiner:
    "a roadside IED", "more than 260 others", "long-range drones"; a count keeps the "more" after it ("some 40
    more", and "injuring dozens more", where the parser hangs "more" on the verb)."""
    doc = token.doc
    start = min([token.i, *(c.left_edge.i for c in token.lefts if c.dep_ in PHRASE_MODIFIERS)])
    while start < token.i and (doc[start].dep_ in {"det", "punct", "cc"} or doc[start].is_punct):
        start += 1
    end = token.i + 1
    if end < len(doc) and doc[end].lower_ in COUNT_TAILS and doc[end].head in {token, token.head}:
        end += 1
    return doc[start:end]


def is_weapon(token: Token) -> bool:
    """ "missiles", "a car bomb", "an improvised explosive device", "long-range drones"."""
    return token.lemma_.lower() in WEAPON_NOUNS or token.lower_ in WEAPON_NOUNS


# === 4. dates, quantities, status ===========================================================================


def own_date(anchor: Token, published: datetime.date | None) -> datetime.date | None:
    """A date in the trigger's own phrase, leaving out the clauses hanging from it."""
    for child in sorted(anchor.children, key=lambda t: t.i):
        if child.dep_ in CLAUSAL_DEPS:
            continue
        if (day := date_of(child, published)) is not None:
            return day
    return None


def governing_date(anchor: Token, published: datetime.date | None) -> datetime.date | None:
    """The date of the clause the trigger hangs from: "took place on Friday when they released ..."."""
    for ancestor in anchor.ancestors:
        # the trigger is in a clause attached to a date: "on Friday when Russia ... released"
        if ancestor.ent_type_ in DATE_LABELS:
            if (day := date_of(ancestor.doc[ancestor.i : ancestor.i + 1], published)) is not None:
                return day
        if ancestor.pos_ not in {"VERB", "AUX"}:
            continue
        # a date phrase attached directly to the governing verb, not one inside another clause
        for child in ancestor.children:
            if child.dep_ in DATE_ADJUNCT_DEPS and not any(t.pos_ in {"VERB", "AUX"} for t in child.subtree):
                if (day := date_of(child, published)) is not None:
                    return day
    return None


def number_value(token: Token) -> int | None:
    """ "1,000" -> 1000, "eight" -> 8; None for anything that is not a whole number."""
    text = token.text.replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(token.lower_)


def noun_phrase(noun: Token) -> str:
    """ "service personnel", "missiles": the counted noun with its compounds."""
    words = [c for c in noun.lefts if c.dep_ == "compound"] + [noun]
    return " ".join(w.lower_ for w in words)


def casualty(token: Token) -> str | None:
    """ "killing one person" -> killed; "15 people were injured", "wounding eight" -> injured."""
    if token.dep_ in {"dobj", "obj", "nsubjpass"}:
        return CASUALTY_VERBS.get(token.head.lemma_.lower())
    return None


def quantity_of(number: Token, event_type: str, spans: SpanMaker) -> Quantity | None:
    """A number and what it counts, or None (dates, fractions, distances)."""
    if number.ent_type_ not in NUMBER_LABELS or number.pos_ != "NUM":
        return None
    value = number_value(number)
    if value is None:
        return None
    doc = number.doc
    # "one-fifth": part of a fraction
    if number.i + 1 < len(doc) and doc[number.i + 1].tag_ == "HYPH":
        return None
    counts = None
    if number.dep_ == "nummod":
        # "two missiles", "390 prisoners": the noun it modifies, or the casualty that noun suffered
        noun = number.head
        if noun.lemma_.lower() in NOT_COUNTED:
            return None
        counts = casualty(noun) or noun_phrase(noun)
    else:
        # "307 of their service personnel", "wounding eight", "each released 390"
        of_objects = [g for p in number.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"]
        if of_objects and of_objects[0].lemma_.lower() in NOT_COUNTED:
            return None
        counts = casualty(number) or (noun_phrase(of_objects[0]) if of_objects else DEFAULT_COUNTS.get(event_type))
    if not counts:
        return None
    # "1,000 prisoners released on each side", "Russia and Ukraine each released 390": a count per side
    if event_type in SWAP_TYPES and per_side(number):
        counts += " on each side"
    return Quantity(value=value, counts=counts, span=spans.tokens(doc[number.i : number.i + 1]))


def per_side(number: Token) -> bool:
    """The number counts what each side gave: "1,000 prisoners released on each side", "Russia and Ukraine each
    exchanged 307 of their service personnel"."""
    counted = number.head if number.dep_ == "nummod" else number
    if any(t.lower_ == "side" and any(d.lower_ == "each" for d in t.children) for t in counted.subtree):
        return True
    # the clause's verb, past "including": "each released 390 prisoners, including 120 civilians"
    verb = next((a for a in counted.ancestors if a.pos_ in {"VERB", "AUX"} and a.dep_ != "prep"), None)
    return verb is not None and mutual(verb)


def quantities_in(tokens: Iterable[Token], event_type: str, spans: SpanMaker) -> list[Quantity]:
    found: dict[tuple[int, str], Quantity] = {}
    for token in sorted(tokens, key=lambda t: t.i):
        if token.like_num and (quantity := quantity_of(token, event_type, spans)) is not None:
            found.setdefault((quantity.value, quantity.counts), quantity)
    return list(found.values())


def cue_verb(anchor: Token, cues: set[str]) -> Token | None:
    """The claim (or denial) verb whose complement holds the trigger: "claimed ... to have captured", "denied
    attacking"."""
    child = anchor
    for ancestor in anchor.ancestors:
        if ancestor.lemma_.lower() in cues and ancestor.pos_ == "VERB" and child.dep_ in COMPLEMENT_DEPS | DIRECT_OBJECTS:
            return ancestor
        child = ancestor
    return None


def statement_of(trigger: TextSpan, verb: Token | None, statements: Sequence[Statement], cues: set[str]) -> int | None:
    """The index of the statement with a cue in ``cues`` whose content holds the trigger (or that ``verb`` cues)."""
    for index, statement in enumerate(statements):
        if (statement.cue or "").lower() not in cues:
            continue
        content = statement.content
        if content.start <= trigger.start < content.end:
            return index
        cue = statement.cue_span
        if verb is not None and cue is not None and cue.start <= verb.idx < cue.end:
            return index
    return None


def alleged(anchor: Token) -> bool:
    """ "accused of beating his wife", "men accused of carrying out the bombing": what someone is accused of."""
    for ancestor in list(anchor.ancestors)[:4]:
        if ancestor.lower_ == "of" and ancestor.dep_ == "prep" and ancestor.head.lemma_.lower() in ALLEGING_VERBS:
            return True
    return False


def status_of(anchor: Token, trigger: TextSpan, statements: Sequence[Statement]) -> tuple[str, int | None, int | None]:
    """(status, claimed_in, denied_in): "denied" inside a denial, "claimed" inside a claim or an accusation, else
    "asserted"."""
    denial = cue_verb(anchor, DENIAL_CUES)
    denied_in = statement_of(trigger, denial, statements, DENIAL_CUES)
    if denial is not None or denied_in is not None:
        return "denied", None, denied_in
    claim = cue_verb(anchor, CLAIM_CUES)
    claimed_in = statement_of(trigger, claim, statements, CLAIM_CUES)
    if claim is not None or claimed_in is not None or alleged(anchor):
        return "claimed", claimed_in, None
    return "asserted", None, None


# === 5. the extractor =======================================================================================


class EventReader:
    """Reads the events of one article; ``read()`` returns them in text order."""

    def __init__(self, doc: Doc, actors: ActorIndex, article: Article, spans: SpanMaker,
                 statements: Sequence[Statement]):
        self.doc = doc
        self.args = Arguments(doc, actors)
        self.actors = actors
        self.published = article.published
        self.spans = spans
        self.statements = statements
        self.sentence_of = spans.sentence_of
        self.headlines = {n for n, s in enumerate(spans.sentences) if is_headline(spans.text[s.start_char : s.end_char])}

    def read(self) -> list[Event]:
        triggers = [(t, found) for t in self.doc if (found := trigger_at(t)) is not None]
        anchors = {found[1].i for _, found in triggers}
        candidates = []
        for token, (event_type, anchor, start, end) in triggers:
            if anchor.i != token.i and token.i != start:
                continue  # a compound trigger is read once, from its first word
            if irrealis_verb(anchor) if anchor.pos_ == "VERB" else irrealis_noun(anchor):
                continue
            start = with_ordinal(self.doc, start, end)
            candidates.append(self.candidate(event_type, anchor, start, end, anchors - {anchor.i}))
        whole_exchange(candidates)
        kept = [c for c in candidates if stands(c, self.actors)]
        by_anchor = {c.anchor.i: c for c in candidates}
        # the toll of an attack is part of it: the attacker is the killer, and they happened in one place
        for c in candidates:
            if c.event_type in CASUALTY_TYPES and (head := casualty_head(c.anchor)) is not None:
                told = by_anchor.get(head.i)
                attack = resolve(told, kept) or told
                if attack is not None:
                    inherit(c, attack)
        kept = [c for c in candidates if stands(c, self.actors)]
        kept = drop_headline_repeats(kept)
        kept = merge_repeats(kept)
        kept = drop_minor_announcements(kept)
        kept = merge_denials(kept)
        link_relations(candidates, by_anchor, kept)
        kept.sort(key=lambda c: c.start)
        return self.to_events(kept)

    # --- one candidate ----------------------------------------------------------------------------

    def candidate(
        self, event_type: str, anchor: Token, start: int, end: int, other_anchors: set[int]
    ) -> Candidate:
        sentence = self.sentence_of[anchor.i]
        c = Candidate(event_type, anchor, start, end, sentence=sentence, last_sentence=sentence,
                      headline=sentence in self.headlines)
        if anchor.pos_ == "VERB":
            self.verb_arguments(c)
        elif anchor.pos_ == "ADJ":
            self.adjective_arguments(c)
        else:
            self.noun_arguments(c)
        args = self.args
        # places: "in Odesa", "there", the object's place, and any target that is a place
        if c.event_type in {ATTACK, CAPTURE}:
            # (a named place struck is where it happened; an unnamed site struck is only the target)
            c.places += args.places(k for k in c.targets
                                    if self.actors.kind(k) == "Place" and not self.actors.records[k].anonymous)
        preps = PLACE_PREPS | EXTRA_PLACE_PREPS.get(c.event_type, set())
        c.places += args.place_phrases(anchor, preps=preps) + args.there(anchor) + args.object_places(anchor)
        c.places += args.where(anchor)
        c.places = list(dict.fromkeys(c.places))
        # instruments: the weapons of violence
        if c.event_type in ARMED_TYPES:
            c.instruments = args.instruments(anchor)
        # "Sanders' attacks on her record", "attacking Dewhurst": a politician's words, an accusation
        if c.event_type == ATTACK and verbal_attack(c, self.actors):
            c.event_type = ACCUSATION
        # date: the trigger's own phrase, else the governing clause
        c.date = own_date(anchor, self.published) or governing_date(anchor, self.published)
        # quantities: numbers in the trigger's phrase, not in the phrase of another trigger inside it
        c.quantities = quantities_in(self.scope(anchor, other_anchors), c.event_type, self.spans)
        # status: a claim or denial statement (or verb) holding the trigger
        trigger = self.spans.tokens(self.doc[start:end])
        c.status, c.claimed_in, c.denied_in = status_of(anchor, trigger, self.statements)
        # a multi-day exchange: "1,000 prisoners released on each side over three days"
        if c.event_type == PRISONER_EXCHANGE and (days := multi_day(anchor)):
            c.whole, c.days = True, days
        return c

    def verb_arguments(self, c: Candidate) -> None:
        verb, args = c.anchor, self.args
        # "three people died", "left at least one student injured": the subject of "die" or of a bare participle
        # is the victim
        if verb.lemma_.lower() == "die" or (c.event_type in HARM_TYPES and small_clause(verb)):
            c.targets = [k for s in subjects_of(verb) for k in args.victims(s)]
            c.rule = "victims-only"
            return
        # agent: the subject, else the by-agent of a passive, else the controller of a gerund/infinitive
        people = c.event_type not in SYMMETRIC_TYPES
        for rule, keys in (
            ("verb-subject", args.subject(verb, people=people)),
            ("verb-passive-agent", args.passive_agent(verb, people=people)),
            ("verb-controller", args.controller(verb, people=people)),
        ):
            if keys := args.party(keys):
                c.agents, c.rule = keys, rule
                break
        # "the blast claimed nine lives": a weapon or an attack taking lives is no doer (the attack's doer is)
        subjects = [antecedent(s) for s in subjects_of(verb)]
        if lives_taken(verb) and any(is_weapon(s) or trigger_type(s) == ATTACK for s in subjects):
            c.agents, c.rule = [], ""
        targets = args.targets(verb, c.event_type)
        # "Russia and Ukraine each released 390 prisoners": a release by both sides is an exchange
        if c.event_type == RELEASE and len(c.agents) >= 2 and mutual(verb):
            c.event_type, c.rule = PRISONER_EXCHANGE, "mutual-release"
        if c.event_type in SYMMETRIC_TYPES:
            # the subjects act ("Russia and Ukraine each exchanged"), and with "with X", "between X and Y"
            # or an actor object ("met Putin") they all take part
            partners = args.party(args.partners(verb) + args.between(verb) + targets)
            if not c.agents:
                c.rule = "verb-partners"
            c.participants = list(dict.fromkeys(c.agents + partners))
        else:
            c.targets = targets

    def adjective_arguments(self, c: Candidate) -> None:
        """ "shot dead by police": the shooting's patient died; "nine people were dead": the subject."""
        adjective, args = c.anchor, self.args
        verb = adjective.head
        # "nine people were dead": the subject of the copula is the victim
        c.targets = [k for s in subjects_of(verb) for k in args.victims(s)]
        if adjective.dep_ == "oprd":
            # "police shot him dead", "was shot dead by police": the shooting's patient and its shooter
            c.targets += [k for t in args.target_tokens(verb, KILLING) for k in args.victims(t)]
            c.agents = args.party(args.subject(verb, people=True) or args.passive_agent(verb, people=True))
        c.targets = list(dict.fromkeys(c.targets))
        c.rule = "verb-subject" if c.agents else "victims-only"

    def noun_arguments(self, c: Candidate) -> None:
        noun, args = c.anchor, self.args
        modifier_agents, modifier_places = args.noun_modifier(noun, c.start)
        c.places += modifier_places
        # "Kennedy's assassination", "Navalny's arrest": the possessor is the patient
        possessed = []
        if noun.lemma_.lower() in PATIENT_POSSESSIVE_NOUNS and not args.prep_objects(noun, {"of"}):
            possessed = [k for p in noun.children if p.dep_ == "poss" for k in args.nominal(p)]
            modifier_agents = [k for k in modifier_agents if k not in possessed]
        by_agents = [k for o in args.prep_objects(noun, AGENT_PREPS) for k in args.people(o)]
        # agent: "Russian bombardment" / "Russia's attack", "attack by Russia", "the EU issued sanctions"
        for rule, keys in (
            ("noun-modifier", modifier_agents),
            ("noun-by-agent", by_agents),
            ("noun-support-verb", args.support_verb(noun, people=c.event_type not in SYMMETRIC_TYPES)),
            ("noun-responsible", args.responsible(noun)),
            ("noun-involved", args.involved(noun)),
        ):
            if keys := args.party(keys):
                c.agents, c.rule = keys, rule
                break
        targets = args.targets(noun, c.event_type) + args.support_targets(noun) + possessed
        targets += args.support_recipients(noun, c.event_type) + args.aimed_at(noun, c.event_type)
        c.places += args.support_places(noun) + args.copula_places(noun)
        # "the blast hit a crowded market": what the event, as subject, struck
        targets += args.struck_by(noun, c.event_type)
        c.places += args.struck_by_places(noun, c.event_type)
        # "the Ukrainian capital was rocked by ... bombardment": the capital was hit
        scene = args.passive_scene(noun)
        if c.event_type in SYMMETRIC_TYPES:
            own = args.party(args.between(noun) + args.partners(noun))
            governing = []
            if not own and noun.dep_ == "pobj":
                # "agreed at talks ... between Russian and Ukrainian delegations" (parser hung it on the verb)
                governing = args.party(args.between(noun.head.head))
            if not c.agents:
                c.rule = "noun-between" if own else "noun-governing-between"
            # a named side acts ("Russia's swap"); everyone named takes part
            c.participants = list(dict.fromkeys(c.agents + own + governing))
            return
        # "the capture of Bakhmut", "the killing of seven demonstrators": the "of" object is the patient
        if c.event_type in OF_PATIENT_TYPES:
            pick = args.victims if c.event_type in PEOPLE_TARGET_TYPES else args.nominal
            patients = args.prep_objects(noun, {"of"})
            # "the massacre and maiming of villagers, nurses and teachers": conjoined event nouns share the "of" phrase
            if not patients and noun.dep_ == "conj":
                patients = args.prep_objects(noun.head, {"of"})
            targets += [k for o in patients for k in pick(o)]
        # "the bombing of the federal building", "the assassination of Mikhail Orlov": what or who was attacked
        # (only people are assassinated, whatever the entity recognizer made of the name)
        if c.event_type == ATTACK:
            for struck in args.prep_objects(noun, {"of"}):
                targets += args.struck_site(struck, c.event_type) or [
                    k for k in args.nominal(struck)
                    if self.actors.kind(k) == "Person" or noun.lemma_.lower() == "assassination"]
        # "13 people suffered injuries": the sufferer is the victim
        if c.event_type in CASUALTY_TYPES and noun.dep_ in DIRECT_OBJECTS and noun.head.lemma_.lower() in SUFFER_VERBS:
            targets += [k for s in subjects_of(noun.head) for k in args.victims(s)]
            c.agents = []
        c.targets = list(dict.fromkeys(targets + scene))
        c.places += args.places(k for k in scene if self.actors.kind(k) == "Place") + args.scene_places(noun)
        if not c.agents and c.targets:
            c.rule = "victims-only"

    def scope(self, anchor: Token, other_anchors: set[int]) -> list[Token]:
        """The trigger's phrase for numbers: its subtree, without other triggers' phrases (but with the toll of
        an attack: "struck ..., killing one person"); an event noun that is the subject of a casualty verb ("the
        strike killed three") takes that verb's phrase too."""
        tokens = list(anchor.subtree)
        if anchor.pos_ != "VERB" and anchor.dep_ in SUBJECTS and anchor.head.lemma_.lower() in CASUALTY_VERBS:
            tokens += [t for t in anchor.head.subtree if t not in tokens]
        inside = {t.i for t in tokens}
        nested = {
            t.i
            for a in other_anchors
            if a in inside and getattr(casualty_head(self.doc[a]), "i", None) != anchor.i
            for t in self.doc[a].subtree
        }
        return [t for t in tokens if t.i not in nested or t.i == anchor.i]

    # --- output -----------------------------------------------------------------------------------

    def to_events(self, kept: list[Candidate]) -> list[Event]:
        index = {id(c): n for n, c in enumerate(kept)}
        whole = [n for n, c in enumerate(kept) if c.whole]

        def position(other: Candidate | None) -> int | None:
            return None if other is None else index.get(id(other.final()))

        # a dated exchange is a day of the multi-day exchange
        days = [c for c in kept if len(whole) == 1 and not c.whole and c.event_type == PRISONER_EXCHANGE
                and c.date is not None]
        events = []
        for n, c in enumerate(kept):
            trigger = self.spans.tokens(self.doc[c.start : c.end])
            part_of = whole[0] if c in days else position(c.part_of)
            first, last = date_range(c, days) if c.whole else (c.date, None)
            events.append(
                Event(
                    event_type=c.event_type,
                    trigger=trigger,
                    evidence=self.evidence(c),
                    agents=tuple(c.agents),
                    targets=tuple(k for k in c.targets if k not in c.agents),
                    participants=tuple(c.participants),
                    places=tuple(c.places),
                    date=first,
                    end_date=last,
                    quantities=tuple(c.quantities),
                    status=c.status,
                    claimed_in=c.claimed_in,
                    part_of=part_of if part_of != n else None,
                    instruments=tuple(self.spans.tokens(self.doc[s:e]) for s, e in c.instruments),
                    denied_in=c.denied_in,
                    agreed_at=(at if (at := position(c.agreed_at)) != n else None),
                    follows=(after if (after := position(c.follows)) != n else None),
                    confidence=RULE_CONFIDENCE.get(c.rule, 0.7),
                    rule=c.rule,
                )
            )
        return events

    def evidence(self, c: Candidate) -> TextSpan:
        first = self.spans.sentences[c.sentence]
        last = self.spans.sentences[c.last_sentence]
        return self.spans.sentences_of(first.start_char, last.end_char)


def verbal_attack(c: Candidate, actors: ActorIndex) -> bool:
    """An "attack" between named people with nothing violent about it: no weapon, place, casualty, violent word
    or armed doer ("Clinton's aggressive attack on Trump", "he attacked Dewhurst"), or one that calls its target
    something ("attacked his opponent as a liar")."""
    anchor = c.anchor
    if anchor.lemma_.lower() not in VERBAL_ATTACK_WORDS or c.instruments or c.places or c.quantities:
        return False
    people = c.agents + c.targets
    if not people or any(actors.kind(k) != "Person" for k in people):
        return False
    called = any(p.dep_ == "prep" and p.lower_ == "as" for p in anchor.children)
    if not called and not any(not actors.records[k].anonymous for k in people):
        return False  # "attacks on innocent people": no one named, no politics
    words = {t.lemma_.lower() for t in anchor.subtree} | {anchor.head.lemma_.lower()}
    if words & VIOLENT_WORDS:
        return False
    return not any(trigger_type(t) in CASUALTY_TYPES for t in anchor.subtree if t.i != anchor.i)


# === 6. relations between events ============================================================================


def casualty_head(anchor: Token) -> Token | None:
    """The attack whose toll a killing or injuring is: "struck ..., killing one person [and wounding eight]",
    "a bombardment ..., in which 15 people were injured", "the blast injured 13", "killed in IS attacks"."""
    if trigger_type(anchor) not in CASUALTY_TYPES:
        return None
    # a clause of the attack (through "killing ... and injuring"): "struck ..., killing", "bombardment ... in which"
    token = anchor
    while token.dep_ in CASUALTY_CLAUSE_DEPS and token.head.i != token.i:
        token = token.head
        kind = trigger_type(token)
        if kind == ATTACK:
            return token
        if kind not in CASUALTY_TYPES:
            break
    # "searching for a woman who planted a device that exploded on Monday, injuring nine": the parser hung the
    # casualty clause on the main verb, which is no event; it is the toll of the nearest attack told between them
    if anchor.dep_ == "advcl" and anchor.tag_ == "VBG" and trigger_type(anchor.head) is None:
        between = [t for t in anchor.doc[anchor.head.i + 1 : anchor.i] if trigger_type(t) == ATTACK]
        if between:
            return between[-1]
    verb = anchor.head if anchor.pos_ == "ADJ" else anchor
    for child in verb.children:
        # "the strike killed three", "the blast injured 13"
        if child.dep_ in SUBJECTS and trigger_type(child) == ATTACK:
            return child
        # "killed in IS attacks", "injured by the blast", "died in the attacks"
        if child.dep_ in {"prep", "agent"} and child.lower_ in CASUALTY_PREPS:
            for obj in (g for g in child.children if g.dep_ == "pobj"):
                if trigger_type(obj) == ATTACK:
                    return obj
    return None


def inherit(c: Candidate, attack: Candidate) -> None:
    """A killing that is the toll of an attack is part of it: the attacker is the killer; when and where too. The
    people harmed are not the attack's targets ("a bomb exploded ..., killing three": what was attacked is not
    said). An attack that names no place happened where its toll did ("exploded, wounding 13 people on a busy
    street in the city of Lyon")."""
    c.part_of = attack
    # "struck ..., killing one person": the subject the clause borrows is the attack's, whoever that is
    if c.rule == "verb-controller":
        c.agents, c.rule = [], ""
    if not c.agents and attack.agents:
        c.agents = list(attack.agents)
        c.rule = "casualty-of-attack"
    c.date = c.date or attack.date
    c.places = c.places or list(attack.places)
    attack.places = attack.places or list(c.places)
    if c.status == "asserted":
        c.status, c.claimed_in, c.denied_in = attack.status, attack.claimed_in, attack.denied_in


def resolve(
    c: Candidate | None, kept: list[Candidate], fits: Callable[[Candidate], bool] = lambda k: True
) -> Candidate | None:
    """The kept event a candidate stands for: itself, or for a definite event noun that names no one the event
    told before that ``fits``: "the prisoner exchange" is the multi-day whole, "the release" (another word for it)
    the latest day of the exchange, "the attacks" the latest attack."""
    if c is None:
        return None
    if c in kept:
        return c.final()
    if c.anchor.pos_ not in {"NOUN", "PROPN"} or not definite(c.anchor):
        return None
    types = ANAPHOR_TYPES.get(c.event_type, {c.event_type})
    earlier = [k.final() for k in kept if k.event_type in types and k.start < c.start and fits(k.final())]
    wholes = [k for k in earlier if k.whole and k.event_type == c.event_type]
    parts = [k for k in earlier if not k.whole]
    return wholes[-1] if wholes else (parts[-1] if parts else None)


def definite(noun: Token) -> bool:
    """ "the attack", "this exchange", "Saturday's swap", "the IRA's bombing": an event already told."""
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS or c.dep_ == "poss" for c in noun.children)


def link_relations(candidates: list[Candidate], by_anchor: dict[int, Candidate], kept: list[Candidate]) -> None:
    """agreed at ("the exchange was agreed at talks in Istanbul") and follows ("died after a bomb detonated")."""
    for c in candidates:
        this = resolve(c, kept)
        if this is None:
            continue
        if (forum := agreed_at(c.anchor)) is not None:
            other = resolve(by_anchor.get(forum.i), kept)
            if other is not None and other is not this and other.event_type in FORUM_TYPES:
                this.agreed_at = this.agreed_at or other
        for earlier, later in follows(c.anchor):
            first = resolve(by_anchor.get(earlier.i), kept)
            if first is None:
                continue
            # what came after cannot be dated before what it followed
            then = resolve(by_anchor.get(later.i), kept, lambda k: not (k.date and first.date and k.date < first.date))
            if then is not None and then is not first:
                then.follows = then.follows or first


def agreed_at(anchor: Token) -> Token | None:
    """The talks an event was agreed at: "[the exchange] was agreed at talks in Istanbul"."""
    if anchor.dep_ not in SUBJECTS | PASSIVE_SUBJECTS or anchor.head.lemma_.lower() not in AGREE_VERBS:
        return None
    for obj in Arguments.prep_objects(anchor.head, AGREED_AT_PREPS):
        if trigger_type(obj) in FORUM_TYPES:
            return obj
    return None


def follows(anchor: Token) -> list[tuple[Token, Token]]:
    """(earlier, later) trigger pairs around ``anchor``: "[died] after a roadside IED [detonated]", "the release
    took place hours after the capital was rocked by [bombardment]", "[attacks], prompting Russian
    [airstrikes]", "an hour before the [explosion]"."""
    # the clause the event is told in: its own verb, or the light verb it is the subject of ("took place")
    clause = anchor
    if anchor.pos_ != "VERB" and anchor.dep_ in SUBJECTS and anchor.head.lemma_.lower() in OCCUR_VERBS:
        clause = anchor.head
    pairs = []
    for child in clause.children:
        words = {child.lower_} | {g.lower_ for g in child.children if g.dep_ == "mark"}
        # "after X", "following X", "after X detonated", "hours after the capital was rocked by X"
        if words & (AFTER_WORDS | BEFORE_WORDS):
            for other in events_in(child):
                pairs.append((other, anchor) if words & AFTER_WORDS else (anchor, other))
        # "attacks ..., prompting Russian airstrikes"
        if child.dep_ in {"advcl", "xcomp", "conj"} and child.lemma_.lower() in CAUSE_VERBS:
            pairs += [(anchor, o) for o in child.children if o.dep_ in DIRECT_OBJECTS and trigger_at(o) is not None]
    return pairs


def events_in(phrase: Token) -> list[Token]:
    """The first event trigger of a phrase or clause: the word itself, its object, or a by-agent event noun."""
    for token in phrase.subtree:
        if token.i != phrase.i or phrase.pos_ in {"VERB", "NOUN"}:
            if trigger_at(token) is not None:
                return [token]
    return []


# === 7. clean-up ============================================================================================


def with_ordinal(doc: Doc, start: int, end: int) -> int:
    """The start of a trigger phrase with its ordinal: "its [17th sanctions package]" says which package."""
    ordinals = [c.i for t in doc[start:end] for c in t.lefts if c.dep_ == "amod" and c.ent_type_ == "ORDINAL"]
    return min([start, *ordinals])


def is_headline(text: str) -> bool:
    """A title, standfirst or subheading: a line that does not end like a sentence."""
    text = text.strip()
    return bool(text) and not text.endswith(TERMINAL_PUNCTUATION)


def mutual(verb: Token) -> bool:
    """ "Russia and Ukraine each released", "both sides freed": both sides did it to each other."""
    for subject in (c for c in verb.children if c.dep_ in SUBJECTS):
        if any(t.lower_ in {"each", "both"} for t in subject.subtree):
            return True
    return any(c.lower_ == "each" and c.dep_ in {"advmod", "npadvmod", "appos"} for c in verb.children)


def multi_day(anchor: Token) -> int | None:
    """The number of days of a DATE of several days after "over/across": "over three days" -> 3."""
    for token in anchor.subtree:
        if token.ent_type_ == "DATE" and token.ent_iob_ == "B":
            entity = next(e for e in token.doc.ents if e.start == token.i)
            before = token.doc[entity.start - 1].lower_ if entity.start > 0 else ""
            days = days_spanned(entity.text)
            if days is not None and days > 1 and before in MULTI_DAY_PREPS:
                return days
    return None


def date_range(whole: Candidate, parts: Sequence[Candidate]) -> tuple[datetime.date | None, datetime.date | None]:
    """First and last day of a multi-day event: it begins with its earliest dated part ("the first part of the
    exchange took place on Friday") and lasts its days ("over three days"); else its own date, with no end."""
    days = [p.date for p in parts if p.date is not None]
    if not days or whole.days is None:
        return whole.date, None
    return min(days), last_day(min(days), whole.days)


def stands(c: Candidate, actors: ActorIndex) -> bool:
    """An event involves an actor: an agent or participant (two of them for a call, an agreement or a meeting),
    or, for harm done to people, a victim who is an actor even when the doer is not named. An attack stands
    without anyone named ("a bomb exploded", "an explosion at the station"): its attacker may be unknown."""
    needs_two = c.event_type in TWO_PARTY_TYPES or c.anchor.lemma_.lower() in TWO_PARTY_VERBS
    parties = set(c.agents) | set(c.participants)
    if needs_two:
        return len(parties) >= 2
    if parties:
        return True
    # an attack by no one named; but "the attack" alone only points back to an attack told before
    if c.event_type == ATTACK:
        return not (re_mention(c) and not (c.targets or c.places or c.instruments))
    return c.event_type in HARM_TYPES and any(actors.kind(k) != "Place" for k in c.targets)


def re_mention(c: Candidate) -> bool:
    """A definite event noun ("the attack", "the IRA's bombing"): the event was told before."""
    return c.anchor.pos_ in {"NOUN", "PROPN"} and definite(c.anchor)


def whole_exchange(candidates: list[Candidate]) -> None:
    """The multi-day exchange takes its sides from the day exchanges ("1,000 prisoners ... on each side")."""
    sides = [k for c in candidates if c.event_type == PRISONER_EXCHANGE and not c.whole for k in c.participants]
    for c in candidates:
        if c.whole and not (c.agents or c.participants) and sides:
            c.participants = list(dict.fromkeys(sides))
            c.rule = "multi-day-exchange"


def drop_headline_repeats(candidates: list[Candidate]) -> list[Candidate]:
    """A headline event is dropped when a body event of the same type shares an actor, or when it names no actor
    at all ("Deadly attack in Odesa"): the body says it in full."""
    body = [c for c in candidates if not c.headline]
    return [
        c
        for c in candidates
        if not c.headline
        or not any(b.event_type == c.event_type and (b.actors() & c.actors() or not c.actors()) for b in body)
    ]


def merge_repeats(candidates: list[Candidate]) -> list[Candidate]:
    """One event told twice ("Russia attacked Kyiv in a drone attack"): same type, actors and date, in the
    same or the next sentence. The first keeps its trigger and takes the other's targets, places and numbers."""
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: c.start):
        same = next(
            (
                k
                for k in kept
                if k.event_type == c.event_type
                and set(k.agents) | set(k.participants) == set(c.agents) | set(c.participants)
                and (k.agents or k.participants)
                and k.date == c.date
                and k.whole == c.whole
                and k.status == c.status
                and 0 <= c.sentence - k.last_sentence <= 1
                and not different_times(k, c)
            ),
            None,
        )
        if same is None:
            kept.append(c)
            continue
        fold(c, same)
    return kept


def different_times(a: Candidate, b: Candidate) -> bool:
    """Both clauses name a time, and not the same one: "In 1993, radical Islamists bombed ... In 2000, they
    attacked ..." are two attacks (the years give no day, so the dates alone cannot tell them apart)."""
    times_a, times_b = time_words(a.anchor), time_words(b.anchor)
    return bool(times_a and times_b) and not times_a & times_b


def time_words(anchor: Token) -> set[str]:
    """The DATE entities in the trigger's clause, as written."""
    return {e.text.lower() for e in anchor.doc.ents
            if e.label_ == "DATE" and any(t.i == anchor.i or anchor in t.ancestors for t in e)}


def fold(c: Candidate, into: Candidate) -> None:
    """``c`` is ``into`` told again: ``into`` takes its targets, places, instruments and numbers."""
    into.targets = list(dict.fromkeys(into.targets + c.targets))
    into.places = list(dict.fromkeys(into.places + c.places))
    into.instruments = list(dict.fromkeys(into.instruments + c.instruments))
    seen = {(q.value, q.counts) for q in into.quantities}
    into.quantities += [q for q in c.quantities if (q.value, q.counts) not in seen]
    into.last_sentence = max(c.sentence, into.last_sentence)
    c.merged_into = into


def drop_minor_announcements(candidates: list[Candidate]) -> list[Candidate]:
    """An Announcement only when nothing else is reported in its sentence: the news is what was announced."""
    busy = {c.sentence for c in candidates if c.event_type != ANNOUNCEMENT}
    return [c for c in candidates if c.event_type != ANNOUNCEMENT or c.sentence not in busy]


def merge_denials(candidates: list[Candidate]) -> list[Candidate]:
    """A denied event that an asserted or claimed event of its type tells too (a shared target or place) is that
    event, now contested: "Russia claimed to have captured Rakivka ... Kyiv denied Rakivka had fallen"."""
    kept = []
    for c in candidates:
        told = None
        if c.status == "denied":
            told = next((k for k in candidates if k.status != "denied" and same_happening(k, c)), None)
        if told is None:
            kept.append(c)
            continue
        told.denied_in = told.denied_in if told.denied_in is not None else c.denied_in
        c.merged_into = told
    return kept


def same_happening(a: Candidate, b: Candidate) -> bool:
    """Two tellings of one event: same type, and a shared target or place, or the same doers a sentence or two apart
    ("Russia claimed to have captured Rakivka. Kyiv denied that Russian troops had captured the village.")."""
    if a.event_type != b.event_type:
        return False
    if (set(a.targets) | set(a.places)) & (set(b.targets) | set(b.places)):
        return True
    return bool(a.agents) and set(a.agents) == set(b.agents) and abs(a.sentence - b.sentence) <= 2


def extract_events(
    doc: Doc, actors: ActorIndex, article: Article, spans: SpanMaker, statements: Sequence[Statement]
) -> list[Event]:
    """The events of one parsed article, in text order (``part_of`` indexes this list)."""
    return EventReader(doc, actors, article, spans, statements).read()
