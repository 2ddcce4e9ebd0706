// French demo content written for Carnet's first start: programme texts and the bodies of a few episodes.

/** A body block: a paragraph, a level-2 heading, a bulleted list or a quote. */
export type Block = string | { h2: string } | { ul: string[] } | { quote: string };

export type DemoEpisode = { title: string; summary: string; blocks: Block[] };

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
  summary: "Le récit de la première réunion de suivi budgétaire qui parle aussi carbone.",
  blocks: [
    "Le jour venu, la salle était la même, l'ordre du jour aussi. Seule nouveauté : une page de plus dans le dossier, avec la trajectoire carbone de la direction.",
    "Les premières minutes ont été prudentes. Puis une question a tout débloqué : pourquoi les déplacements des artistes n'apparaissent-ils nulle part ?",
    "Ce brouillon attend la relecture de nos partenaires clermontois avant publication.",
  ],
};

export const DRAFT_EPISODE: DemoEpisode = {
  title: "L'expé continue !",
  summary: "",
  blocks: [
    "Notes en vrac pour le prochain épisode : le plan de progrès, les premiers ateliers avec les structures culturelles, ce qui a coincé.",
    "À compléter ensemble.",
  ],
};
