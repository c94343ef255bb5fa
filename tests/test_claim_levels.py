"""Claim levels on new wording, tables on the real model: encirclement, casualties, advice to leave, imminence, a
capital as destination, the armed side contained, a blockade's effects on daily life, reassurance in words the
bundled corpus does not use; with certainty, threats called unlikely and a negation's scope."""
from __future__ import annotations

import pytest

from claimatlas.claims.detect import detect_claims

LEVELS = [
    # a war waged on the state (its economy included) and an armed group's road to power threaten the state;
    # the army's war on the armed groups does not
    ("en", "For months the jihadists have waged a relentless economic warfare against the government in Bamako.", 3),
    ("en", "The rebels announced a war against the Malian state.", 3),
    ("en", "Analysts believe the group is patiently preparing its road to power.", 3),
    ("en", "The army has waged war against the jihadists for a decade.", 1),
    ("fr", "Depuis des mois, les jihadistes livrent une guerre économique au pouvoir de Bamako.", 3),
    ("fr", "Les rebelles ont annoncé une guerre contre l'État malien.", 3),
    ("fr", "L'armée mène une guerre contre les terroristes depuis dix ans.", 1),
    # an encirclement is an incident around a town and an escalation around the capital, whatever the verb
    ("en", "Jihadists have encircled the town of Djibo.", 2),
    ("en", "Residents said the town was now surrounded and that food was running short.", 2),
    ("en", "Fighters have surrounded the capital.", 3),
    ("en", "Fighters have encircled the capital.", 3),
    ("en", "JNIM has besieged Bamako since September.", 3),
    ("fr", "Les jihadistes encerclent la ville de Djibo depuis deux ans.", 2),
    ("fr", "Les jihadistes ont encerclé la capitale.", 3),
    # a blockade names the state's or the capital's supplies, an escalation; around one town it is an incident,
    # as is an advance on one
    ("en", "JNIM imposed a fuel blockade on Mali in September.", 3),
    ("fr", "Le blocus imposé par le JNIM paralyse le pays.", 3),
    ("en", "Jihadists have blockaded the town of Djibo.", 2),
    ("fr", "Les jihadistes imposent un blocus à la ville de Djibo.", 2),
    ("en", "JNIM blockaded Djibo for weeks.", 2),
    ("fr", "Le JNIM impose un blocus à Kayes.", 2),
    ("fr", "Le JNIM impose un blocus au Mali.", 3),
    ("en", "Fighters advanced towards the village of Boni.", 2),
    ("en", "Fighters advanced towards the capital.", 3),
    # paralysing the country, its economy or its capital is a siege; traffic or a service is not
    ("en", "The economic warfare has paralyzed the country.", 3),
    ("fr", "L'embargo paralyse l'économie du pays.", 3),
    ("en", "Heavy rain paralyzed traffic in the city.", 1),
    # a situation called critical, dire or alarming is pressure
    ("en", "The situation remains critical outside Bamako.", 2),
    ("en", "The dire situation has forced families to flee.", 2),
    ("fr", "Cependant, la situation demeure beaucoup plus critique en dehors de Bamako.", 2),
    ("fr", "La situation humanitaire est alarmante dans le nord.", 2),
    ("en", "Critics say the situation is improving.", 1),
    # deaths caused are casualties; an armed group imposing its rule is a takeover, of the country an escalation
    ("en", "JNIM claims to have caused the deaths of around sixty soldiers near Djibo.", 2),
    ("en", "JNIM might eventually try to impose its rule over the country.", 3),
    ("en", "JNIM imposed its rule over the village of Boni.", 2),
    ("en", "Deaths from road accidents rose last year.", 1),
    # armed conflict is a standing fact of a region, background, and an escalation in or around the capital
    ("en", "There is ongoing armed conflict near Bamako.", 3),
    ("fr", "Le conflit armé se poursuit près de Bamako.", 3),
    ("en", "The Sahel is ravaged by armed conflict and food insecurity.", 1),
    # coordinated attacks are an escalation across the country, an incident in one region (rubric; the labelling notes)
    ("en", "Coordinated attacks targeted seven military sites in western Mali.", 2),
    ("fr", "Des attaques simultanées ont visé plusieurs positions de l'armée dans la région de Kayes.", 2),
    ("en", "Armed groups stage simultaneous attacks across Mali.", 3),
    ("en", "Jihadists attacked army posts throughout the country.", 3),
    ("fr", "Des attaques simultanées ont frappé à travers le pays.", 3),
    ("en", "The army said militants carried out coordinated attacks in several parts of the country.", 3),
    # advice against travel is a travel advisory, pressure, in any wording
    ("en", "Citizens were strongly advised not to travel to Mali under any circumstances.", 2),
    ("en", "The State Department advises against all travel to Mali.", 2),
    ("fr", "Le Quai d'Orsay déconseille formellement tout déplacement au Mali.", 2),
    ("fr", "Il est recommandé de ne pas se rendre au Mali.", 2),
    ("en", "The minister decided to travel to Gao.", 1),
    # ... and so is a march or an advance on a place, whatever the tagger takes the town's name for
    ("en", "Amid fears of a jihadist advance on Bamako, the embassy urged caution.", 3),
    ("en", "The group could march into the capital within weeks.", 3),
    ("en", "Jihadists are closing in on the town of Djibo.", 2),
    ("en", "Fighters advanced towards Kayes.", 2),
    ("fr", "Les jihadistes pourraient marcher sur Bamako.", 3),
    ("fr", "Les jihadistes progressent vers Kayes.", 2),
    ("en", "Protesters marched in Bamako.", 1),
    ("fr", "Le JNIM a bloqué les livraisons de carburant vers le Mali.", 3),
    # The model tags the present "bloque" as an adjective (claimatlas.nlp.LemmaRepair reads it as "bloquer").
    ("fr", "Mali : le JNIM bloque les importations de carburant.", 3),
    # a capital named as the point a distance is measured from, or as where a road starts, is not the scene
    ("en", "A convoy was attacked near Kolokani, about 100 kilometres from Bamako.", 2),
    ("en", "Militants attacked fuel tankers on the road from Bamako to Kayes.", 2),
    ("fr", "Un convoi a été attaqué près de Kolokani, à une centaine de kilomètres de Bamako.", 2),
    # what holds over years is a standing fact, background; what holds over months is not
    # harm averted did not happen: it is contained, as harm repelled is; what one is advised to avoid is not
    ("en", "Soldiers averted an attack on the camp near Kayes.", 0),
    ("fr", "La réactivité des troupes a permis d'éviter toute perte dans les rangs de l'armée.", 0),
    ("fr", "Les soldats ont évité une attaque contre le camp.", 0),
    ("fr", "L'ambassade recommande d'éviter tout déplacement en raison des attaques.", 2),
    # what is not stopped, ended or confined goes on: the negation of such a verb affirms its subject or object ...
    ("en", "The attacks have not stopped.", 2),
    ("fr", "Les attaques n'ont pas cessé.", 2),
    ("en", "The violence is not confined to the north.", 2),
    ("fr", "L'insécurité n'est pas circonscrite au nord du Mali.", 2),
    # ... and a reassurance negated is the threat not contained, whose subject it does not negate ...
    ("en", "The situation is not under control.", 2),
    ("fr", "La situation n'est pas sous contrôle.", 2),
    ("en", "The threat is not contained.", 2),
    ("en", "The army has not repelled the attackers.", 2),
    ("fr", "Les écoles n'ont pas rouvert.", 2),
    # ... an act dated before the containment ("after", "following", "après") is not the one contained; a state
    # named before its end is the one ended ("Schools in Kayes reopened on Monday after a two-week closure", above)
    ("en", "The army repelled an assault on its camp near Gao, a day after a deadly attack in Boulkessi.", 2),
    ("en", "The army said it had neutralized 80 terrorists following an attack on a camp near Kayes.", 2),
    ("fr", "L'armée a neutralisé dix terroristes après l'attaque du camp de Kayes.", 2),
    ("en", "Soldiers neutralized 13 attackers during the assault on the camp near Gao.", 0),
    ("fr", "L'armée a repoussé l'attaque du camp de Kayes.", 0),
    # ... a verb whose subject is nobody is negated, and only that verb: the attack it happened in stands ...
    ("en", "No soldier was killed.", 0),
    ("fr", "Aucun soldat n'a été tué.", 0),
    ("fr", "Personne n'a été blessé.", 0),
    ("en", "No soldier was killed in the attack on the camp.", 2),
    ("fr", "Aucun soldat n'a été tué lors de l'attaque du camp.", 2),
    ("fr", "Une personne a été tuée près de Gao.", 2),
    # ... while a threat negated stays denied, and a reassurance with its own negation reassures
    ("en", "Militants did not attack the camp.", 0),
    ("fr", "Les jihadistes n'ont pas attaqué le camp.", 0),
    ("en", "Residents go about their business without concern.", 0),
    # control an armed group holds is ground held, not reassurance; control the state holds reassures ...
    ("en", "Several main roads are under the control of JNIM.", 2),
    ("en", "The northern towns are under jihadist control.", 2),
    ("fr", "Les axes routiers sont sous contrôle du JNIM.", 2),
    ("fr", "Bamako est sous le contrôle des jihadistes.", 3),
    ("fr", "La ville est sous contrôle de l'armée.", 0),
    # ... what a concessive preposition takes is conceded as a concessive clause is ...
    ("en", "Despite the attacks near Gao, the situation remains calm.", 0),
    ("en", "In spite of the attacks near Gao, the situation remains calm.", 0),
    ("fr", "Malgré les attaques près de Gao, la situation reste calme.", 0),
    ("en", "Despite the army's efforts, militants attacked the camp near Gao.", 2),
    # ... and a denial conceded ("avoir beau") denies nothing the main clause asserts
    ("fr", "Le gouvernement a beau démentir, la pénurie s'aggrave.", 2),
    ("fr", "Le ministre a beau dénoncer une pénurie artificiellement créée, les files d'attente s'allongent.", 2),
    ("fr", "Le gouvernement a démenti toute pénurie de carburant.", 0),
    # an event of a clause dated years before the latest year the article names is background, wherever the clause
    # sits; one dated this year or last stays an event
    ("en", "Wagner left Mali in 2025, two years after its leader was killed in a plane crash in August 2023.", 1),
    ("en", "The army said in 2025 that militants killed 30 soldiers in 2019 near Boulkessi.", 1),
    ("fr", "Wagner a quitté le Mali en 2025, deux ans après que son chef a été tué dans un accident en août 2023.", 1),
    ("en", "Wagner left Mali in 2025, a week after its fighters were killed in an ambush in June 2025.", 2),
    ("fr", "Wagner a quitté le Mali en 2025, une semaine après que ses combattants ont été tués dans une embuscade en juin 2025.", 2),
    ("en", "For more than a decade, jihadists have attacked army posts across the Sahel.", 1),
    ("fr", "Depuis plus de dix ans, les jihadistes attaquent les postes de l'armée.", 1),
    ("en", "Jihadists have encircled the town of Djibo for two years.", 1),
    ("en", "JNIM has besieged Bamako for two months.", 3),
    ("fr", "Depuis deux mois, le JNIM attaque les convois.", 2),
    # the English book names the incidents the French one does (embuscade, explosion, victime, couvre-feu, ...)
    ("en", "Gunmen ambushed a patrol near Gao on Monday.", 2),
    ("en", "An explosion hit a market in Gao.", 2),
    ("en", "Twenty-one civilians were murdered by suspected jihadists near Tera.", 2),
    ("en", "The governor imposed a curfew in Timbuktu.", 2),
    # ... opening fire and targeting in both books, an aim is not an act ...
    ("en", "Gunmen opened fire on a checkpoint near Gao.", 2),
    ("fr", "Des hommes armés ont ouvert le feu sur un poste de police à Gao.", 2),
    ("fr", "Trois villages ont été visés par des jihadistes près de Gao.", 2),
    ("fr", "Les autorités ont lancé une campagne visant à éviter la panique à Gao.", 1),
    # ... and the French book those of the English one (missing, ablaze)
    ("fr", "Trois soldats sont portés disparus après l'attaque.", 2),
    ("fr", "Les jihadistes ont diffusé des images de camions en flamme.", 2),
    # disrupted supplies and a volatile situation are pressure, in both books
    ("en", "Convoy delays have disrupted fuel supplies to hospitals in Gao.", 2),
    ("fr", "Les retards des convois perturbent l'approvisionnement en carburant des hôpitaux de Gao.", 2),
    # casualties the armed side bears are a defence's success: contained, level 0 ...
    ("en", "The army said the enemy suffered significant losses at every location.", 0),
    ("en", "The army claims to have inflicted heavy losses on the armed groups.", 0),
    ("en", "The army responded quickly, killing 20 assailants.", 0),
    ("en", "Militant casualties were high, the ministry said.", 0),
    ("fr", "L'armée affirme que l'ennemi a subi de lourdes pertes.", 0),
    ("fr", "Treize terroristes ont été tués, selon l'armée.", 0),
    ("fr", "L'armée a infligé de lourdes pertes aux groupes armés.", 0),
    # ... not casualties they inflict on others, nor the army's own
    ("en", "Militants killed 20 soldiers near Gao.", 2),
    ("en", "Soldiers suffered heavy losses near Gao.", 2),
    ("fr", "Les jihadistes ont tué 20 soldats près de Gao.", 2),
    # another incident in the same sentence keeps its level
    ("en", "Twenty militants were killed in clashes near Gao.", 2),
    # advice or an order to leave the country is the rubric's "foreigners told to leave" ...
    ("en", "Western countries have urged their citizens to leave.", 3),
    ("en", "The US and France are advising their citizens to avoid or leave Mali.", 3),
    ("en", "US citizens should depart using commercial aviation.", 3),
    ("en", "Washington ordered non-emergency employees to leave Mali.", 3),
    ("fr", "La France a appelé ses ressortissants à quitter le Mali.", 3),
    ("fr", "Washington recommande à ses ressortissants de quitter le Mali.", 3),
    # ... not a departure only reported, nor one declined
    ("en", "Russia's Africa Corps will stay in Mali after Wagner mercenaries leave.", 1),
    ("en", "U.S. citizens who choose not to depart Mali should prepare contingency plans.", 1),
    # classes resuming is the rubric's "schools reopened", whatever the word order ...
    ("fr", "Ce lundi matin, les cours ont repris à Bamako.", 0),
    ("en", "Classes resumed on Monday in Bamako.", 0),
    # ... attacks resuming are not
    ("fr", "Les attaques ont repris près de Gao.", 2),
    ("en", "Attacks resumed on Monday near Gao.", 2),
    # how close a threat is counts beside a threat ...
    ("en", "The group is on the verge of capturing the capital.", 4),
    ("fr", "Les jihadistes sont sur le point de prendre Bamako.", 4),
    # ... and claims nothing alone
    ("en", "The national football team stands on the brink of securing its spot for the Cup.", 1),
    ("fr", "Le Mali est sur le point de signer un accord minier.", 1),
    # a capital named as where something is bound does not place the violence in it ...
    ("en", "Militants attacked a convoy heading to Bamako.", 2),
    ("en", "Jihadists attacked fuel tankers bound for the capital.", 2),
    ("fr", "Les jihadistes ont attaqué un convoi qui circulait en direction de Bamako.", 2),
    ("fr", "Les jihadistes attaquent les camions-citernes qui ravitaillent la capitale.", 2),
    # ... a capital where it happens does
    ("en", "Gunmen attacked a police post in Bamako on Tuesday.", 3),
    ("fr", "Une attaque terroriste a visé l'école de gendarmerie de Faladié, située à Bamako.", 3),
    # the armed side repelled or neutralised is a threat contained, with no threat word beside it ...
    ("en", "The army conducted a security sweep after successfully repelling the gunmen.", 0),
    ("en", "State television reported that all the terrorists involved in the raid were neutralized.", 0),
    ("fr", "L'armée a repoussé les assaillants près de Kayes.", 0),
    # ... and so is one a verb of achievement completes ...
    ("en", "Soldiers managed to repel the attackers near Gao.", 0),
    ("fr", "L'opération a permis de neutraliser treize assaillants près de Gao.", 0),
    ("fr", "L'armée a réussi à maintenir le contrôle de la ville de Gao.", 0),
    # ... but not control only attempted
    ("en", "The government has struggled to maintain control of Gao since the attack.", 1),
    # ... not an aim, nor an incident in a clause coordinated with the containment
    ("en", "The army vowed to repel the gunmen.", 1),
    ("en", "The army repelled the gunmen, but militants killed ten civilians in Gao.", 2),
    # reassurance in words the bundled corpus does not use ...
    ("en", "Diop said Mali was successfully mitigating the effects of the fuel blockade.", 0),
    ("en", "The threat is largely contained in North Africa.", 0),
    ("en", "The army remains fully in control of the capital.", 0),
    ("fr", "Le gouvernement affirme avoir atténué les effets du blocus.", 0),
    # control regained, the situation monitored, the armed side routed, in both books ...
    ("en", "Soldiers regained control of the camp near Gao on Monday.", 0),
    ("fr", "Les soldats ont repris le contrôle du camp près de Gao.", 0),
    ("en", "The ministry said it was monitoring the situation in Gao.", 0),
    ("fr", "Le ministère indique suivre la situation à Gao.", 0),
    ("en", "The army routed the gunmen near Gao.", 0),
    ("fr", "L'armée a mis en déroute les assaillants près de Gao.", 0),
    ("fr", "Dix terroristes ont été mis hors d'état de nuire près de Gao.", 0),
    # ... but not control an armed group regains, nor the convoys it watches
    ("en", "JNIM regained control of the town of Boni.", 2),
    ("fr", "Les jihadistes suivent de près les convois vers Kayes.", 1),
    # ... while ground an armed group is in control of stays a threat, and a video "contained" threats
    ("en", "JNIM is in control of the roads around Bamako.", 3),
    ("en", "The video contained threats against the army.", 2),
    # "no match for" reassures when the side it calls weaker is the armed one
    ("en", "The insurgents are no match for the security forces.", 0),
    ("en", "Top diplomat says insurgents 'no match' for security forces", 0),
    ("en", "The Malian army is no match for JNIM.", 1),
    # what a blockade does to daily life is pressure: closures, queues, prices surging, power cuts, shelter ...
    ("en", "Universities across the country were closed for a week.", 2),
    ("en", "Motorists waited in long queues outside the few open stations.", 2),
    ("en", "Bread prices have doubled in Gao since the convoys stopped.", 2),
    ("en", "Residents in Niamey faced daily power cuts.", 2),
    ("en", "Fuel is now rationed in Gao.", 2),
    ("fr", "L'essence est rationnée à Gao.", 2),
    ("en", "Classes were interrupted across the country after the attack on Gao.", 2),
    ("fr", "Les cours sont interrompus dans tout le pays depuis l'attaque de Gao.", 2),
    ("fr", "Le gouvernement a annoncé la suspension des cours à Gao.", 2),
    ("en", "Several towns near Gao have been without electricity for a month.", 2),
    ("fr", "Les villes de Mopti et Gao sont privées d'électricité depuis un mois.", 2),
    # soldiers forced to retreat is an incident
    ("en", "Soldiers escorting the convoy were forced to retreat near Kayes.", 2),
    ("fr", "Les soldats ont été contraints de se replier près de Kayes.", 2),
    ("en", "The embassy told its staff to shelter in place.", 2),
    ("fr", "Les écoles de Kayes sont fermées depuis lundi.", 2),
    ("fr", "Les prix des denrées ont doublé à Gao.", 2),
    ("fr", "L'ambassade a demandé à ses ressortissants de se mettre à l'abri.", 2),
    # ... and so are fares and the cost of living multiplied, and hardship itself
    ("en", "Bus fares have tripled in Gao since the convoys stopped.", 2),
    ("en", "The cost of rice has doubled in Gao.", 2),
    ("en", "The crisis has brought severe hardship to families in Gao.", 2),
    ("fr", "Les tarifs des taxis ont doublé à Gao.", 2),
    ("fr", "Le coût de la vie a doublé à Gao depuis le blocus des convois.", 2),
    # weapons and vehicles the state's forces take from the armed side are the defence's success, contained
    ("en", "Troops confiscated weapons and motorcycles from the attackers near Gao.", 0),
    ("en", "The army reported the recovery of weapons and vehicles near Gao on Monday.", 0),
    ("en", "Weapons and motorcycles were seized by the army near Gao.", 0),
    ("fr", "L'armée a récupéré des armes et des motos près de Gao.", 0),
    # a fight whose only losses named are the armed side's is the defence's success
    ("en", "Soldiers responded to the assault on the camp near Gao, killing 20 of the attackers.", 0),
    ("en", "The assailants suffered heavy losses wherever they clashed with the army near Gao.", 0),
    # ... not when the state's side loses too (nor a fight no one names the state's forces meeting: "Twenty militants
    # were killed in clashes near Gao", below)
    ("en", "Soldiers responded to the assault on the camp near Gao, killing 20 attackers, but five soldiers were "
           "wounded.", 2),
    ("en", "Jihadists attacked the army camp near Gao, and 20 of the attackers were killed.", 2),
    # the precautions a security alert asks for are context; beside a reassurance or a threat they add nothing
    ("en", "Travelers should keep a low profile and avoid large gatherings in Gao.", 1),
    ("fr", "Les ressortissants doivent faire preuve de vigilance et éviter les rassemblements à Gao.", 1),
    ("en", "The situation in Gao is under control, but residents should remain vigilant.", 0),
    ("en", "Thanks to the vigilance of the army, the attack on Gao was repelled.", 0),
    ("en", "Jihadists attacked a convoy near Gao; travelers should exercise caution.", 2),
    # information withheld about a thing asserts nothing of it ...
    ("en", "The army did not provide information regarding casualties near Gao.", 1),
    ("en", "The army gave no details on casualties in Gao.", 1),
    ("fr", "L'armée n'a donné aucun détail sur les victimes à Gao.", 1),
    ("en", "The army repelled the attack near Gao but did not give details about its own casualties.", 0),
    # ... while information given, or a comment withheld on an attack, leaves it standing
    ("en", "The army provided information about casualties in Gao.", 2),
    ("en", "The army did not comment on the attack near Gao.", 2),
    # ... not when the armed side takes them
    ("en", "Jihadists seized weapons and vehicles from the army base near Gao.", 2),
    ("fr", "Les jihadistes ont saisi des armes et des véhicules au camp de Gao.", 1),
    # ... reopening contains the closure it follows, and a price rising is no pressure in itself
    ("en", "Schools in Kayes reopened on Monday after a two-week closure.", 0),
    ("fr", "Les écoles ont rouvert après deux semaines de fermeture.", 0),
    ("en", "The price of gold rose to a record.", 1),
    ("en", "Airline fares rose slightly in Gao this year.", 1),
    # "have since" is "since then", no background; destruction and gun battles are incidents
    ("en", "Militants have since attacked fuel convoys near Kayes.", 2),
    ("en", "Jihadists destroyed three bridges on the road to Gao.", 2),
    ("fr", "Les jihadistes ont détruit trois ponts sur la route de Gao.", 2),
    ("en", "Gun battles erupted near the army camp in Gao.", 2),
    # rule by an armed group is a takeover; rule by the state's own rulers, or for a duration, is background
    ("en", "Mali could soon be ruled by JNIM.", 3),
    ("en", "Niger is currently ruled by a military junta.", 1),
    ("en", "The junta extended its rule by five years.", 1),
    # a capital in apposition to a destination is a destination too
    ("en", "Militants attacked tankers trying to reach the capital, Bamako.", 2),
    # damage done is an incident, as is an armed group moving into new ground or staff allowed to leave ...
    ("en", "The explosion caused heavy damage to the market in Gao.", 2),
    ("fr", "L'explosion a causé d'importants dégâts au marché de Gao.", 2),
    ("en", "Analysts say the insurgency has spread to northern Togo.", 2),
    ("en", "The group is pushing into the border areas of Benin.", 2),
    ("fr", "Le JNIM cherche à étendre ses opérations au Sénégal.", 2),
    ("en", "Paris has authorized the voluntary departure of embassy families.", 2),
    # ... while an insurgency spreading where it already is stays background
    ("en", "An insurgency is spreading rapidly across the Sahel.", 1),
    # an attack in the capital of any of the crisis's states, or in a quarter or site of it, is at the capital level
    ("en", "Islamic State group claims deadly attack on Niamey airport in Niger", 3),
    ("en", "Gunmen attacked the gendarme school in Faladié before dawn.", 3),
    ("fr", "Une attaque a visé l'école de gendarmerie de Faladié.", 3),
    ("fr", "Des tirs ont été entendus à Ouagadougou dans la nuit.", 3),
    ("en", "JNIM fighters could seize Niamey within weeks.", 3),  # ground an armed group takes, in a capital
    ("en", "JNIM could seize Burkina Faso within months.", 3),  # ... or one of the crisis's states itself
    ("en", "JNIM controls large parts of Mali.", 2),
    # ... not where the capital is the government it stands for, a dateline, a destination, or a foreign capital
    ("en", "Niamey accused Benin of backing the attack.", 2),
    ("en", "Ouagadougou (Agenzia Fides) - JNIM has intensified its attacks against army posts in the north.", 2),
    ("en", "BAMAKO, Oct 3 (Reuters) - Militants attacked a fuel convoy near Kayes on Friday.", 2),
    ("fr", "Bamako (AFP) - Des hommes armés ont attaqué un poste de l'armée dans la région de Ségou.", 2),
    ("fr", "Ces attaques surviennent alors que le président rentrait à Ouagadougou.", 2),
    ("en", "Militants attacked a convoy heading to Niamey.", 2),
    ("en", "The attack came as the minister was visiting Moscow.", 2),
    # an attempt beside a threat contained is the act contained; an attempt alone is an incident
    ("en", "Militants attempted to attack the army base in Gao, but the assault was repelled.", 0),
    ("fr", "Des jihadistes ont tenté d'attaquer le camp de Gao, mais l'assaut a été repoussé.", 0),
    ("fr", "Des jihadistes ont tenté d'attaquer le camp de Gao.", 2),
    # an attack named only as the object of its aftermath is the known event: the hunt, the arrests are background
    ("en", "The army launched an operation to track down the perpetrators of the attack.", 1),
    ("en", "Two men suspected of involvement in the attack were arrested.", 1),
    ("fr", "Une enquête a été ouverte pour identifier les auteurs de l’attaque.", 1),
    ("fr", "Deux individus soupçonnés d’être impliqués dans l’attaque ont été interpellés.", 1),
    ("fr", "Les auteurs de l'attaque ont tué deux soldats.", 2),
    ("en", "At least 15 suspects have been arrested in connection with the attack.", 1),
    ("fr", "Trois suspects ont été interpellés en lien avec l'attaque.", 1),
    ("en", "Gunmen attacked the convoy and arrested two drivers.", 2),
    # blocking the supplies (imports, deliveries, convoys, fuel) is a blockade, level 3; any other blocking is pressure
    ("en", "Militants continue to block tanker convoys entering the city.", 3),
    ("en", "Al Qaeda-linked militants attempting to block fuel from capital", 3),
    ("fr", "Depuis septembre, les jihadistes bloquent les convois de carburant.", 3),
    ("en", "Armed men blocked the road near Gao for two hours.", 2),
    ("en", "JNIM fighters have effectively cut off fuel supplies to the capital.", 3),
    ("en", "An armed group imposes an economic siege on the country by blocking roads.", 3),
    ("en", "Militants cut off supplies to the town of Djibo.", 2),
    # a takeover of one town or of sites is an incident; of the capital, an escalation
    ("en", "JNIM asserted that it had seized control of three army barracks.", 2),
    ("fr", "Des combattants ont tenté de s’emparer de la ville de Djibo.", 2),
    ("fr", "Le JNIM a réussi à s’emparer d’un camp militaire dans la région.", 2),
    ("fr", "Le JNIM pourrait s'emparer de Bamako.", 3),
    ("en", "JNIM seized control of the capital's outskirts after taking the town of Kati.", 3),
    # strangling the capital or the economy is a blockade's escalation, as "asphyxier" is
    ("en", "JNIM is calculating that asphyxiating the capital will provoke a coup.", 3),
    ("en", "The blockade has choked off fuel supplies to the capital.", 3),
    ("fr", "Ils ne frappent pas par les armes, mais par l’étouffement.", 3),
    ("fr", "Le JNIM mène une stratégie visant à étrangler l’économie.", 3),
    # scare quotes do not break a phrase
    ("fr", "L'hypothèse d'une «chute» de la capitale s'est répandue dans les médias.", 4),
    ("en", "Analysts now openly discuss the “fall” of the capital.", 4),
    # a reassurance conceded does not reassure: the main clause stands against it ("bien que" is one mark, and the
    # parser may give its clause any relation) ...
    ("en", "The study notes that while the threat is largely contained in North Africa, it is spreading in the Lake "
           "Chad basin.", 1),
    ("en", "Although the situation is under control, security forces remain on alert in Gao.", 1),
    ("fr", "Bien que la situation soit désormais sous contrôle, des opérations de ratissage continuent dans la zone.", 1),
    ("fr", "Bien que la situation soit sous contrôle, des opérations de ratissage continuent dans la zone pour sécuriser "
           "les lieux.", 1),
    ("fr", "Même si la situation semble sous contrôle, les forces de sécurité restent en alerte à Gao.", 1),
    # ... while one in the main clause does, and so does a threat conceded beside nothing else (guards)
    ("en", "The situation is under control, although security forces remain on alert.", 0),
    ("fr", "La situation est désormais sous contrôle, bien que des ratissages soient encore en cours dans la zone.", 0),
    ("en", "While the attack was repelled, JNIM fighters still besiege Kayes.", 2),
    ("fr", "Même si l'armée a repoussé l'attaque, les jihadistes encerclent toujours la ville de Kayes.", 2),
]


def _rules_reading(resources, language: str, text: str):
    """The one claim the rules read in a sentence, as the pipeline reads it (cue book and gazetteer)."""
    pack = resources.pack(language)
    [rules] = detect_claims(pack.nlp(text), "Paper", book=pack.cues, gazetteer=resources.gazetteer)
    return rules


@pytest.mark.parametrize(("language", "text", "level"), LEVELS)
def test_levels_on_new_wording(resources, language, text, level):
    assert _rules_reading(resources, language, text).level == level


@pytest.mark.parametrize(("language", "text", "level", "certainty"), [
    # a threat called unlikely is level 0, hedged rather than denied
    ("en", "For the researcher, a takeover of Bamako by the jihadists remains very unlikely in the short term.", 0, "hedged"),
    ("en", "In the short term, it is unlikely that JNIM will attempt to seize control of the capital.", 0, "hedged"),
    ("en", "An assault on Bamako is improbable, the minister said.", 0, "hedged"),
    # ... but not when a verb whose negation affirms its complement stands between: the attacks go on
    ("en", "The militants are unlikely to stop their attacks on the capital.", 3, "asserted"),
    ("en", "JNIM controls the roads around Bamako.", 3, "asserted"),
    # a negation denies what it governs; an incident asserted beside it stands ...
    ("fr", "Aucun mort n'a été signalé, toutefois deux soldats ont été blessés.", 2, "asserted"),
    ("en", "No deaths were reported, but two soldiers were wounded.", 2, "asserted"),
    # ... while a negation alone, or a denial cue, denies the whole sentence
    ("en", "The army did not confirm any casualties.", 0, "denied"),
    ("en", "We are very far from the scenario of a takeover.", 0, "denied"),
    ("fr", "Le ministre a démenti toute attaque contre Bamako.", 0, "denied"),
    # a negated predicate phrase denies the threats it governs
    ("en", "The capital is not under threat.", 0, "denied"),
    ("en", "JNIM is not on the verge of seizing Bamako.", 0, "denied"),
    ("fr", "Les jihadistes ne sont pas sur le point de prendre Bamako.", 0, "denied"),
    # a government unable to serve its citizens there is pressure, asserted: the inability is the claim
    ("en", "The U.S. government cannot offer routine or emergency services to U.S. citizens outside Bamako.", 2,
     "asserted"),
    ("en", "The embassy is not able to provide support to Americans outside the capital.", 2, "asserted"),
    ("en", "The U.S. government has limited ability to provide emergency services to citizens in Mali.", 2, "asserted"),
    ("fr", "L'ambassade précise qu'elle ne peut garantir aucun service d'assistance hors de la capitale.", 2,
     "asserted"),
    ("fr", "L'ambassade n'est pas en mesure de fournir des services consulaires à Gao.", 2, "asserted"),
    # ... not any information an army withholds
    ("en", "The army did not provide any information about the convoy.", 1, "asserted"),
])
def test_levels_and_certainty_on_new_wording(resources, language, text, level, certainty):
    rules = _rules_reading(resources, language, text)
    assert (rules.level, rules.certainty) == (level, certainty)
