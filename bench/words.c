/*
 * words.c: vocabulary and random numbers for the benchmark population.
 *
 * The words are what a network of community organisations writes about,
 * in French and English, most frequent first. Messages draw them with a
 * Zipf-like law so that the full-text index has a realistic shape: a few
 * words in most messages, most words in few.
 */
#include <stddef.h>

#include "words.h"

static const char *const words[] = {
	"le", "de", "la", "et", "les", "des", "pour", "the", "and", "une",
	"avec", "nous", "dans", "projet", "membres", "organisme", "atelier",
	"formation", "réseau", "équipe", "intervention", "financement",
	"région", "communauté", "soutien", "rencontre", "question", "merci",
	"bénévoles", "jeunes", "familles", "programme", "demande", "outil",
	"guide", "service", "santé", "logement", "accueil", "transport",
	"meeting", "funding", "training", "workers", "support", "project",
	"community", "families", "housing", "network", "volunteers", "budget",
	"rapport", "subvention", "échéance", "partenaires", "comité",
	"assemblée", "bilan", "évaluation", "pratique", "suivi", "dossier",
	"référence", "clientèle", "aînés", "isolement", "alimentaire",
	"dépannage", "hébergement", "itinérance", "violence", "prévention",
	"écoute", "crise", "téléphone", "bureau", "municipalité", "ministère",
	"appel", "date", "limite", "webinaire", "inscription", "places",
	"gratuit", "animatrice", "animateur", "coordination", "direction",
	"conseil", "administration", "politique", "procédure", "gabarit",
	"grille", "questionnaire", "statistiques", "données", "confidentialité",
	"consentement", "entente", "protocole", "milieu", "rural", "village",
	"route", "hiver", "printemps", "automne", "été", "calendrier",
	"horaire", "covoiturage", "distance", "visioconférence", "internet",
	"connexion", "ordinateur", "courriel", "imprimante", "local", "salle",
	"cuisine", "jardin", "collectif", "panier", "épicerie", "friperie",
	"vêtements", "meubles", "déménagement", "loyer", "propriétaire",
	"locataire", "bail", "tribunal", "droits", "recours", "plainte",
	"défense", "justice", "médiation", "conflit", "entraide", "deuil",
	"proche", "aidant", "répit", "handicap", "autisme", "dépendance",
	"toxicomanie", "réduction", "méfaits", "seringues", "pharmacie",
	"clinique", "infirmière", "travailleuse", "sociale", "psychologue",
	"thérapie", "groupe", "parole", "témoignage", "réussite", "difficulté",
	"truc", "astuce", "exemple", "modèle", "lettre", "formulaire",
	"signature", "reçu", "facture", "comptabilité", "vérification",
	"assurance", "responsabilité", "sécurité", "incendie", "évacuation",
	"premiers", "soins", "secourisme", "certificat", "attestation",
	"diplôme", "stage", "stagiaire", "emploi", "embauche", "salaire",
	"vacances", "congé", "maladie", "épuisement", "bien-être", "ressourcement",
	"retraite", "lac", "montagne", "forêt", "ferme", "agriculture",
	"pêche", "chasse", "tourisme", "festival", "fête", "souper",
	"bénéfice", "collecte", "dons", "fondation", "campagne", "affiche",
	"dépliant", "radio", "journal", "article", "entrevue", "caméra",
	"photo", "vidéo", "balado", "sondage", "consultation", "mémoire",
	"recommandation", "plaidoyer", "mobilisation", "manifestation",
	"pétition", "élection", "candidat", "député", "mairesse", "préfet",
	"schéma", "aménagement", "zonage", "permis", "inspection", "norme",
	"loi", "règlement", "article", "alinéa", "jurisprudence", "avocate",
	"notaire", "testament", "succession", "tutelle", "curatelle",
	"mandat", "inaptitude", "protection", "signalement", "enquête",
	"placement", "famille", "accueil", "adoption", "grossesse",
	"périnatalité", "allaitement", "garderie", "école", "décrochage",
	"tutorat", "devoirs", "alphabétisation", "francisation", "immigration",
	"réfugiés", "interprète", "traduction", "culture", "patrimoine",
	"musée", "bibliothèque", "lecture", "conte", "théâtre", "musique",
	"chorale", "danse", "sport", "hockey", "piscine", "patinoire",
	"sentier", "vélo", "marche", "raquette", "ski", "motoneige",
	"quincaillerie", "tempête", "verglas", "panne", "électricité",
	"génératrice", "chauffage", "isolation", "rénovation", "toiture",
	"plomberie", "moisissure", "punaises", "extermination", "vermine",
	"zorbax", "quillot", "brimbelle", "tintamarre", "ouananiche",
	"saperlipopette", "flibustier", "chinook", "kamouraska", "mirabelle",
	"gadelle", "pimbina", "camerise", "argousier", "chicoutai",
};

#define NWORDS	((int)(sizeof words / sizeof words[0]))

void
rng_seed(struct rng *r, uint64_t seed)
{
	r->s = seed != 0 ? seed : 0x9e3779b97f4a7c15ULL;
}

/* splitmix64: small, fast, good enough for test data. */
uint64_t
rng_next(struct rng *r)
{
	uint64_t	z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (n == 0 ? 0 : (uint32_t)(rng_next(r) % n));
}

int
words_count(void)
{
	return (NWORDS);
}

const char *
words_get(int k)
{
	if (k < 0 || k >= NWORDS)
		return ("");
	return (words[k]);
}

const char *
words_zipf(struct rng *r)
{
	static double	cum[NWORDS];
	static int	ready;
	double		total = 0, x;
	int		lo, hi, mid, k;

	if (!ready) {
		for (k = 0; k < NWORDS; k++) {
			total += 1.0 / (k + 1);
			cum[k] = total;
		}
		for (k = 0; k < NWORDS; k++)
			cum[k] /= total;
		ready = 1;
	}
	x = (double)(rng_next(r) >> 11) / (double)(1ULL << 53);
	lo = 0;
	hi = NWORDS - 1;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cum[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (words[lo]);
}

const char *
words_band(struct rng *r, int band)
{
	switch (band) {
	case 0:		/* frequent, skipping the stop words */
		return (words[13 + rng_below(r, 20)]);
	case 1:
		return (words[40 + rng_below(r, 120)]);
	default:
		return (words[160 + rng_below(r, (uint32_t)(NWORDS - 160))]);
	}
}
