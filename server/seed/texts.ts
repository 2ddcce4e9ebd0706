// French demo content written for Carnet's first start: programme texts and the bodies of a few episodes.

/** A body block: a paragraph, a level-2 heading, a bulleted list or a quote. */
export type Block = string | { h2: string } | { ul: string[] } | { quote: string };

/** `date`: the day it was published (or, unpublished, last worked on), in the programme's real timeline. */
export type DemoEpisode = { title: string; summary: string; date: string; blocks: Block[] };

export const PROGRAMME_TEXTS: Record<string, { tagline: string; intro: string }> = {
  "nouvelles-mesures": {
    tagline: "Des outils de gestion et de comptabilité écologique pour les collectivités",
    intro:
      "Et si les outils budgétaires et comptables des collectivités aidaient à piloter l'action publique dans les limites planétaires ?\n\n" +
      "Après une enquête menée avec plusieurs collectivités, Nouvelles Mesures a conduit pendant deux ans une expérimentation à Clermont-Ferrand : une réunion de suivi budgétaire qui suit aussi le carbone, puis un plan de progrès qui partage la responsabilité écologique entre la ville et les structures culturelles.\n\n" +
      "Ce carnet de bord raconte le travail au fil de l'eau : l'enquête, les tests, les doutes et les petites victoires.",
  },
  rebonds: {
    tagline: "Réorienter le développement économique local vers des objectifs écologiques et sociaux",
    intro:
      "Une enquête collective avec une dizaine de collectivités, des associations d'élus et deux chercheurs : les problèmes rencontrés par les développeurs économiques, les changements de paradigme (économie du donut, community wealth building, économie fondamentale), un exercice de fiction et une autoévaluation.\n\n" +
      "Des tests de terrain suivent, territoire par territoire.",
  },
  "nouveaux-accords": {
    tagline: "L'avenir des contrats de ville",
    intro:
      "En partant du quotidien des chefs et cheffes de projet du développement social urbain, de nouveaux outils et de nouvelles façons de travailler ont été essayés dans trois territoires et au cours d'un cycle d'ateliers ouverts aux professionnels de nombreux lieux.",
  },
  "tronc-commun": {
    tagline: "Explorer et construire la gouvernance des forêts en transition",
    intro:
      "La forêt rassemble des usages et des intérêts divergents : loisirs, préservation, exploitation. Entretiens dans les territoires partenaires, laboratoire vivant forestier et rencontres nationales cartographient les tensions et les leviers dont disposent les acteurs publics pour remettre l'intérêt collectif au cœur de la gestion forestière.",
  },
  "enacting-the-commons": {
    tagline: "Apprendre des communs pour transformer l'action publique",
    intro:
      "Un programme européen de voyages d'étude dans des villes qui gouvernent des lieux et des services avec leurs habitants, pour outiller les acteurs publics à la gouvernance partagée.",
  },
};

/** Published in this order, so they get the numbers 1 to 5. */
export const PUBLISHED_EPISODES: DemoEpisode[] = [
  {
    title: "Rappel des épisodes précédents",
    date: "2023-03-14",
    summary: "D'où vient Nouvelles Mesures, et pourquoi s'intéresser au budget pour parler d'écologie.",
    blocks: [
      "Tout a commencé par une intuition partagée avec quelques directions financières : les collectivités mesurent très précisément ce qu'elles dépensent, beaucoup moins ce que leurs dépenses font au climat et au vivant.",
      "Pendant la première année, nous avons rencontré des agents des finances, de l'environnement et de la culture, des élus et quelques chercheurs en comptabilité. Tous reconnaissaient le problème ; peu savaient par quel bout le prendre.",
      { h2: "Ce que nous avons appris" },
      {
        ul: [
          "Les « budgets verts » classent les dépenses, mais pilotent rarement les décisions.",
          "Les outils existent souvent déjà : ils ne se parlent pas.",
          "Le calendrier budgétaire est un moment de vérité, à condition d'y entrer tôt.",
        ],
      },
      "Ce carnet reprend le fil là où nous l'avions laissé : avec une question simple, et un terrain pour la mettre à l'épreuve.",
    ],
  },
  {
    title: "Le choix du secteur culturel",
    date: "2023-06-20",
    summary: "Pourquoi nous avons choisi de travailler avec la direction de la culture de Clermont-Ferrand.",
    blocks: [
      "Parmi les terrains possibles, la culture n'était pas le plus évident. Elle pèse peu dans les émissions d'une ville, comparée aux bâtiments ou aux transports.",
      "C'est pourtant là que nous avons trouvé l'envie la plus forte : des équipements qui accueillent du public, des festivals qui font venir des artistes de loin, et des équipes qui se demandaient déjà comment faire autrement.",
      { quote: "On ne veut pas qu'on nous dise quoi couper. On veut comprendre ce qui compte vraiment." },
      "Le secteur culturel a un autre avantage : il travaille avec de nombreuses structures associées, subventionnées par la ville. La responsabilité écologique y est forcément partagée, et c'est précisément ce que nous voulions explorer.",
    ],
  },
  {
    title: "Instantanés d'enquête",
    date: "2023-10-05",
    summary: "Quelques scènes de terrain, entre tableurs, salles de spectacle et réunions de service.",
    blocks: [
      "Un mardi matin, dans le bureau du contrôle de gestion : trois tableurs ouverts côte à côte, aucun ne parle la même langue. Le premier suit les crédits, le deuxième les consommations d'énergie, le troisième les déplacements des équipes.",
      "Un jeudi soir, dans les coulisses d'une salle de concert : la régisseuse nous montre le camion qui part en tournée. « Le carbone, il est là, dans la logistique. Personne ne me l'a jamais demandé. »",
      { h2: "Trois tensions relevées" },
      {
        ul: [
          "Mesurer finement ou décider vite ?",
          "Rendre des comptes à la ville ou aux publics ?",
          "Un indicateur commun ou des indicateurs propres à chaque structure ?",
        ],
      },
      "Ces instantanés ne font pas une étude. Ils nous ont servi de boussole pour choisir ce que nous allions tester.",
    ],
  },
  {
    title: "Que voudrait-on tester ?",
    date: "2023-12-12",
    summary: "De l'enquête aux hypothèses : ce que nous avons décidé de mettre à l'épreuve.",
    blocks: [
      "À la sortie de l'enquête, nous avions une longue liste d'idées. Il fallait en garder peu, et les formuler de façon à pouvoir être démenties.",
      "Première hypothèse : ajouter une lecture carbone aux réunions de suivi budgétaire, sans créer de réunion de plus. Si cela ne tient pas dans le rituel existant, cela ne tiendra nulle part.",
      "Deuxième hypothèse : un plan de progrès écrit à plusieurs mains, entre la ville et les structures culturelles, plutôt qu'une liste d'obligations fixées d'en haut.",
      { quote: "Un test réussi n'est pas un test qui marche : c'est un test dont on apprend quelque chose." },
      "Dans les prochains épisodes, nous racontons comment ces deux tests ont été préparés, puis conduits.",
    ],
  },
  {
    title: "En route vers les tests",
    date: "2024-03-28",
    summary:
      "Et si les réunions de suivi budgétaire suivaient aussi la trajectoire carbone ? Comment le premier test a été conçu, de janvier à mars 2024.",
    blocks: [
      "Janvier 2024 : nous reprenons le calendrier budgétaire de la direction de la culture, mois par mois, pour repérer le moment où une information carbone pourrait changer une décision.",
      "Février : avec le contrôle de gestion, nous construisons une première estimation, volontairement grossière. Mieux vaut un ordre de grandeur discuté qu'un chiffre précis que personne ne regarde.",
      "Mars : répétition générale. Une réunion fictive, avec de vrais chiffres, pour vérifier que la lecture carbone tient en dix minutes et qu'elle donne envie de poser des questions.",
      "Le prochain épisode raconte la première réunion de suivi « augmentée carbone », la vraie.",
    ],
  },
];

export const REVIEW_EPISODE: DemoEpisode = {
  title: "Premier test : une réunion de suivi augmentée carbone",
  date: "2024-06-11",
  summary: "Le récit de la première réunion de suivi budgétaire qui parle aussi carbone.",
  blocks: [
    "Le jour venu, la salle était la même, l'ordre du jour aussi. Seule nouveauté : une page de plus dans le dossier, avec la trajectoire carbone de la direction.",
    "Les premières minutes ont été prudentes. Puis une question a tout débloqué : pourquoi les déplacements des artistes n'apparaissent-ils nulle part ?",
    "Ce brouillon attend la relecture de nos partenaires clermontois avant publication.",
  ],
};

export const DRAFT_EPISODE: DemoEpisode = {
  title: "L'expé continue !",
  date: "2024-09-24",
  summary: "",
  blocks: [
    "Notes en vrac pour le prochain épisode : le plan de progrès, les premiers ateliers avec les structures culturelles, ce qui a coincé.",
    "À compléter ensemble.",
  ],
};

/** Published episodes of the running programmes, in publication order (numbers 1, 2… of each journal). */
export const RUNNING_EPISODES: Record<string, DemoEpisode[]> = {
  rebonds: [
    {
      title: "Ce que nous racontent les développeurs économiques",
      summary:
        "Premier tour de table de l'enquête collective : ce qui coince, au quotidien, quand on veut que l'économie locale serve aussi la transition.",
      date: "2024-04-18",
      blocks: [
        "Pendant trois mois, nous avons écouté une trentaine de développeurs et développeuses économiques, dans des métropoles comme dans des communautés de communes rurales. La question de départ était simple : qu'est-ce qui vous empêche de faire autrement ?",
        "Les réponses se ressemblent d'un territoire à l'autre. On mesure le succès au nombre d'emplois annoncés et de mètres carrés commercialisés. Les zones d'activité se remplissent, le foncier se raréfie, et chaque collectivité se sent obligée de rester « attractive » face à sa voisine.",
        { h2: "Trois irritants qui reviennent" },
        {
          ul: [
            "Des indicateurs qui comptent les installations, jamais ce que les entreprises apportent au territoire.",
            "Des aides accordées au fil des demandes, sans cap partagé avec les élus.",
            "Peu de temps pour les entreprises déjà là, qui font pourtant l'essentiel de l'emploi.",
          ],
        },
        "Rien de tout cela n'est nouveau pour les personnes concernées. Ce qui l'est davantage, c'est de l'entendre dit ensemble, et de constater que beaucoup cherchent déjà d'autres boussoles : l'économie du donut, le community wealth building, l'économie fondamentale.",
        "Le prochain épisode racontera comment nous avons mis ces cadres à l'épreuve, par un exercice de fiction.",
      ],
    },
    {
      title: "2040, une fiction pour desserrer l'étau",
      summary: "Un atelier d'écriture prospective pour imaginer le service de développement économique de 2040, et ce qu'il ne fait plus.",
      date: "2024-10-03",
      blocks: [
        "Un matin de septembre, une vingtaine de participants ont reçu la même consigne : vous travaillez au service de développement économique en 2040, racontez une journée ordinaire.",
        "Les récits ont surpris tout le monde. Personne n'y inaugurait de zone d'activité. On y parlait de réparer plutôt que de construire, de commandes publiques passées aux entreprises du coin, de cantines, de soins et de logements considérés comme le cœur de l'économie locale.",
        { quote: "En 2040, mon indicateur préféré, c'est le nombre d'entreprises qui n'ont pas eu besoin de nous pour rester." },
        "La fiction n'a rien réglé, mais elle a déplacé la conversation. Revenus au présent, les participants ont dressé la liste de ce qu'ils pourraient commencer dès l'an prochain, et de ce qu'ils devraient cesser de faire.",
        "Cette liste servira de base à l'autoévaluation que chaque territoire conduira cet hiver, avant les premiers tests de terrain.",
      ],
    },
  ],
  "tronc-commun": [
    {
      title: "Premières lisières",
      summary:
        "Loisirs, préservation, exploitation : les premiers entretiens dans les territoires partenaires dessinent une forêt traversée d'attentes qui se croisent sans se parler.",
      date: "2024-11-07",
      blocks: [
        "Nous avons commencé par marcher. Dans les Boucles de la Seine normande, avec des agents du parc naturel régional ; en Nouvelle-Aquitaine, avec des techniciens qui conseillent les propriétaires privés ; à La Vigotte, avec les membres d'un tiers-lieu installé en pleine forêt.",
        "Partout, la même scène : une parcelle, plusieurs regards. Le promeneur voit un lieu de respiration, le naturaliste un milieu fragile, le propriétaire un patrimoine à transmettre, l'exploitant une ressource à récolter au bon moment. Chacun a raison, et chacun ignore souvent ce que l'autre attend.",
        { h2: "Ce que les entretiens font apparaître" },
        {
          ul: [
            "Une coupe rase suscite plus de colère que dix ans de dépérissement silencieux.",
            "Les collectivités ont des leviers, mais rarement la certitude d'être légitimes à s'en servir.",
            "Les espaces où l'on discute de la forêt ensemble existent, mais réunissent presque toujours les mêmes personnes.",
          ],
        },
        "Ces tensions ne sont pas un problème à faire disparaître : elles sont la matière même de la gouvernance que le programme veut aider à construire.",
        "Au printemps, le laboratoire vivant forestier réunira ces regards autour d'une même parcelle, pour voir ce qui se passe quand on décide ensemble de son avenir.",
      ],
    },
  ],
};
