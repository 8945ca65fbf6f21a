// The demo region: real places (Modum, Sigdal, Krødsherad), fictional clubs and people.
import type { Category } from '../app/domain/catalogue/taxonomy';

export const demoKommuner = [
  {
    number: '3316', name: 'Modum', slug: 'modum',
    // Who the guardian's consent page names (invented contacts; the addresses are not real).
    privacy: { controller: 'Modum kommune ved kommunedirektøren', officerName: 'Siri Personvernsen (demo)', officerEmail: 'personvernombud@modum.demo.fritidsportal.example', officerPhone: '+47 32 00 00 10' },
    areas: [
      { name: 'Vikersund', slug: 'vikersund', lat: 59.9667, lon: 10.0256, postcode: '3370' },
      { name: 'Geithus', slug: 'geithus', lat: 59.9372, lon: 9.9689, postcode: '3360' },
      { name: 'Åmot', slug: 'amot', lat: 59.893, lon: 9.908, postcode: '3340' },
      { name: 'Skotselv', slug: 'skotselv', lat: 59.856, lon: 9.889, postcode: '3330' },
      { name: 'Snarum', slug: 'snarum', lat: 60.025, lon: 9.896, postcode: '3357' },
    ],
  },
  {
    number: '3332', name: 'Sigdal', slug: 'sigdal',
    privacy: { controller: 'Sigdal kommune', officerName: null, officerEmail: 'personvern@sigdal.demo.fritidsportal.example', officerPhone: null },
    areas: [
      { name: 'Prestfoss', slug: 'prestfoss', lat: 60.0476, lon: 9.6296, postcode: '3350' },
      { name: 'Eggedal', slug: 'eggedal', lat: 60.2479, lon: 9.367, postcode: '3359' },
      { name: 'Nedre Sigdal', slug: 'nedre-sigdal', lat: 59.985, lon: 9.705, postcode: '3358' },
    ],
  },
  {
    number: '3318', name: 'Krødsherad', slug: 'krodsherad',
    // None set: the page names the kommune and tells the guardian to ask it.
    privacy: null,
    areas: [
      { name: 'Noresund', slug: 'noresund', lat: 60.179, lon: 9.623, postcode: '3536' },
      { name: 'Krøderen', slug: 'kroderen', lat: 60.133, lon: 9.806, postcode: '3535' },
      { name: 'Ørgenvika', slug: 'orgenvika', lat: 60.264, lon: 9.543, postcode: '3538' },
    ],
  },
] as const;

export const venueKinds = [
  { suffix: 'skole, gymsal', street: 'Skoleveien' },
  { suffix: 'flerbrukshall', street: 'Idrettsveien' },
  { suffix: 'kulturhus', street: 'Storgata' },
  { suffix: 'grendehus', street: 'Grendeveien' },
];

/** [name, kind, kommune slug, area slug, categories] — names are invented. */
export const demoOrganisations: [string, 'club' | 'kulturskole' | 'fritidsklubb' | 'kommune_service' | 'volunteer', string, string, Category[]][] = [
  ['Vikersund Ballklubb Blåveis', 'club', 'modum', 'vikersund', ['fotball', 'handball']],
  ['Modum Svømmeklubb Bølgen', 'club', 'modum', 'vikersund', ['svomming']],
  ['Geithus Turn og Trampoline', 'club', 'modum', 'geithus', ['turn']],
  ['Åmot Allidrett Ekornet', 'club', 'modum', 'amot', ['friidrett', 'ski']],
  ['Modum kulturskole', 'kulturskole', 'modum', 'vikersund', ['musikk', 'kunst', 'teater', 'dans']],
  ['Snarum Skiklubb Rypa', 'club', 'modum', 'snarum', ['ski', 'sykkel']],
  ['Skotselv Sjakk og Brett', 'club', 'modum', 'skotselv', ['sjakk', 'gaming']],
  ['Fritidsklubben Boksen', 'fritidsklubb', 'modum', 'geithus', ['fritidsklubb', 'gaming']],
  ['Vikersund Dansestudio Takt', 'club', 'modum', 'vikersund', ['dans']],
  ['Modum Kampsportklubb Tigeren', 'club', 'modum', 'amot', ['kampsport']],
  ['Geithus Skolekorps Trompeten', 'club', 'modum', 'geithus', ['korps']],
  ['1. Modum Speidergruppe Lauvet', 'volunteer', 'modum', 'vikersund', ['speider', 'friluftsliv']],
  ['Åmot Klatreklubb Taket', 'club', 'modum', 'amot', ['klatring']],
  ['Modum Rideklubb Hestehoven', 'club', 'modum', 'snarum', ['ridning']],
  ['Turlaget Modum Ungdom', 'volunteer', 'modum', 'skotselv', ['friluftsliv', 'sykkel']],
  ['Vikersund Håndballklubb Linjen', 'club', 'modum', 'vikersund', ['handball']],
  ['Åmot Fotballklubb Gresset', 'club', 'modum', 'amot', ['fotball']],
  ['Skotselv Idrettslag Bekken', 'club', 'modum', 'skotselv', ['fotball', 'friidrett']],
  ['Modum Barneteater Kulissen', 'club', 'modum', 'geithus', ['teater']],
  ['Snarum Sykkelklubb Kjedet', 'club', 'modum', 'snarum', ['sykkel']],
  ['Prestfoss Idrettslag Tiuren', 'club', 'sigdal', 'prestfoss', ['fotball', 'ski', 'friidrett']],
  ['Sigdal kulturskole', 'kulturskole', 'sigdal', 'prestfoss', ['musikk', 'kunst', 'dans']],
  ['Eggedal Skiklubb Fjellrev', 'club', 'sigdal', 'eggedal', ['ski']],
  ['Sigdal Svømmegruppe Plask', 'club', 'sigdal', 'prestfoss', ['svomming']],
  ['Nedre Sigdal Turn Salto', 'club', 'sigdal', 'nedre-sigdal', ['turn', 'dans']],
  ['Fritidsklubben Låven', 'fritidsklubb', 'sigdal', 'prestfoss', ['fritidsklubb', 'gaming']],
  ['Sigdal Rideklubb Manen', 'club', 'sigdal', 'nedre-sigdal', ['ridning']],
  ['Eggedal Friluftslag Villmarka', 'volunteer', 'sigdal', 'eggedal', ['friluftsliv', 'klatring']],
  ['Sigdal Musikkorps Valthornet', 'club', 'sigdal', 'prestfoss', ['korps', 'musikk']],
  ['Sigdal Kampsport Dojo Furu', 'club', 'sigdal', 'nedre-sigdal', ['kampsport']],
  ['Prestfoss Sjakklubb Springeren', 'club', 'sigdal', 'prestfoss', ['sjakk']],
  ['Sigdal Speidergruppe Bålet', 'volunteer', 'sigdal', 'eggedal', ['speider']],
  ['Noresund Idrettsforening Krøkla', 'club', 'krodsherad', 'noresund', ['fotball', 'ski', 'friidrett']],
  ['Krødsherad kulturskole', 'kulturskole', 'krodsherad', 'kroderen', ['musikk', 'kunst', 'teater']],
  ['Krøderen Ballklubb Sjøen', 'club', 'krodsherad', 'kroderen', ['fotball', 'handball']],
  ['Fritidsklubben Brygga', 'fritidsklubb', 'krodsherad', 'kroderen', ['fritidsklubb', 'gaming']],
  ['Krødsherad Padle og Friluft', 'volunteer', 'krodsherad', 'noresund', ['friluftsliv']],
  ['Ørgenvika Skiklubb Snøfnugg', 'club', 'krodsherad', 'orgenvika', ['ski', 'sykkel']],
  ['Krøderen Dansegruppe Virvel', 'club', 'krodsherad', 'kroderen', ['dans']],
  ['Noresund Svømmeklubb Dråpen', 'club', 'krodsherad', 'noresund', ['svomming']],
  ['Krødsherad Klatregruppe Hyllen', 'club', 'krodsherad', 'noresund', ['klatring', 'turn']],
  ['Krødsherad Skolekorps Tromma', 'club', 'krodsherad', 'kroderen', ['korps']],
  ['Noresund Kampsport Ryu', 'club', 'krodsherad', 'noresund', ['kampsport']],
  ['Krødsherad Speidere Kompasset', 'volunteer', 'krodsherad', 'orgenvika', ['speider', 'friluftsliv']],
  ['Geithus Bordtennisklubb Racketen', 'club', 'modum', 'geithus', ['annet']],
];

interface CategoryContent {
  /** For the category 'annet': the kind in the club's words, shown instead of the category's name. */
  kind?: string;
  titles: string[];
  description: string;
  firstTime: string;
  bring: string;
  /** [kind, amount in kroner, period, optional] */
  costs: [string, number, string, boolean][];
  /** [item, required, source: provided | lend | buy, typical price in kroner] */
  equipment: [string, boolean, 'provided' | 'lend' | 'buy', number][];
}

export const categoryContent: Record<Category, CategoryContent> = {
  fotball: {
    titles: ['Fotballskole', 'Fotball for jenter', 'Fotball for gutter', 'Fotball – lag for alle', 'Gatefotball'],
    description: 'Vi trener fotball to ganger i uka. Alle får spille, og vi legger vekt på mestring og moro. Treneren er en forelder som har tatt trenerkurs.',
    firstTime: 'Kom ti minutter før. Treneren møter deg ved porten og viser deg rundt. Du kan prøve tre ganger før du bestemmer deg.',
    bring: 'Joggesko eller fotballsko, drikkeflaske og klær etter været.',
    costs: [['membership', 300, 'year', false], ['training_fee', 900, 'semester', false], ['uniform', 450, 'once', false], ['trips', 1800, 'year', true], ['dugnad', 0, 'year', false]],
    equipment: [['Fotballsko', true, 'lend', 600], ['Leggbeskyttere', true, 'lend', 150], ['Ball', false, 'provided', 250]],
  },
  handball: {
    titles: ['Håndball for de minste', 'Håndball 10–12 år', 'Håndball ungdom'],
    description: 'Håndball i hallen med lek, pasninger og skudd. Vi spiller kamper i en serie for barn der resultatet ikke teller.',
    firstTime: 'Møt opp i hallen i treningsklær. Si til treneren at du er ny, så får du en makker.',
    bring: 'Innesko, drikkeflaske og håndkle.',
    costs: [['membership', 250, 'year', false], ['training_fee', 1200, 'semester', false], ['licence', 200, 'year', false], ['trips', 2500, 'year', true]],
    equipment: [['Innesko', true, 'lend', 700], ['Drakt', true, 'provided', 0]],
  },
  svomming: {
    titles: ['Svømmeskole nybegynner', 'Svømmeskole videregående', 'Svømmetrening ungdom'],
    description: 'Lær å svømme trygt i små grupper i basseng. Instruktøren er i vannet sammen med de yngste.',
    firstTime: 'Ta med badetøy og håndkle. Garderoben åpner et kvarter før. Instruktøren hjelper deg å finne riktig gruppe.',
    bring: 'Badetøy, håndkle og svømmebriller hvis du har.',
    costs: [['training_fee', 1400, 'semester', false], ['membership', 200, 'year', false]],
    equipment: [['Svømmebriller', false, 'buy', 120]],
  },
  friidrett: {
    titles: ['Friidrett for barn', 'Allidrett', 'Friidrett ungdom'],
    description: 'Løp, hopp og kast på idrettsplassen om sommeren og i hallen om vinteren. Vi prøver litt av alt.',
    firstTime: 'Du kan komme uten å melde deg på først. Prøvetrening er gratis.',
    bring: 'Joggesko og klær etter været.',
    costs: [['membership', 200, 'year', false], ['training_fee', 600, 'semester', false]],
    equipment: [['Piggsko', false, 'lend', 800]],
  },
  ski: {
    titles: ['Skileik', 'Langrenn barn', 'Langrenn ungdom', 'Hopp og slalåm for nybegynnere'],
    description: 'Skileik og langrenn i lysløypa. Vi går turer, leker og lærer teknikk. Klubben har ski du kan låne.',
    firstTime: 'Vi møtes ved klubbhuset. Har du ikke ski, si fra på forhånd, så låner vi deg et par.',
    bring: 'Varme klær i lag, lue, votter og drikke i termos.',
    costs: [['membership', 250, 'year', false], ['training_fee', 500, 'year', false], ['licence', 300, 'year', true], ['trips', 1500, 'year', true], ['dugnad', 0, 'year', false]],
    equipment: [['Langrennsski og staver', true, 'lend', 2500], ['Skisko', true, 'lend', 1200], ['Smøring', false, 'provided', 0]],
  },
  turn: {
    titles: ['Turn og trampoline', 'Barneturn', 'Turn for ungdom'],
    description: 'Turn med apparater, trampoline og airtrack. Trenerne sikrer alle hopp, og alle jobber på sitt nivå.',
    firstTime: 'Du får en prøvetime gratis. Trenerne viser deg hvordan vi varmer opp.',
    bring: 'Tettsittende klær. Vi trener barbeint.',
    costs: [['membership', 300, 'year', false], ['training_fee', 1600, 'semester', false], ['uniform', 600, 'once', true]],
    equipment: [],
  },
  dans: {
    titles: ['Hiphop', 'Barnedans', 'Moderne dans', 'Dans for ungdom'],
    description: 'Vi lærer koreografier til musikk du kjenner, og lager en forestilling før jul og før sommeren.',
    firstTime: 'Første time er gratis. Du trenger ikke ha danset før.',
    bring: 'Behagelige klær og innesko eller sokker.',
    costs: [['training_fee', 1900, 'semester', false], ['uniform', 400, 'year', true], ['other', 250, 'year', true]],
    equipment: [],
  },
  kampsport: {
    titles: ['Judo for barn', 'Karate', 'Taekwondo ungdom'],
    description: 'Kampsport med respekt og selvkontroll. Vi trener teknikk, balanse og fall, og ingen slår hardt.',
    firstTime: 'Du trener i vanlige treningsklær de første gangene. Prøv gratis i to uker.',
    bring: 'Treningsklær og drikkeflaske.',
    costs: [['membership', 300, 'year', false], ['training_fee', 1100, 'semester', false], ['licence', 250, 'year', false], ['other', 300, 'year', true]],
    equipment: [['Drakt (gi)', true, 'buy', 500]],
  },
  musikk: {
    titles: ['Gitar i gruppe', 'Piano', 'Band for ungdom', 'Fiolin for nybegynnere'],
    description: 'Undervisning i små grupper hos kulturskolen. Du lærer å spille sammen med andre fra første time.',
    firstTime: 'Læreren ringer deg før første time og avtaler tidspunkt. Instrument kan lånes.',
    bring: 'Instrumentet ditt hvis du har et. Noter får du av læreren.',
    costs: [['training_fee', 1850, 'semester', false], ['other', 300, 'year', true]],
    equipment: [['Instrument', true, 'lend', 2000]],
  },
  korps: {
    titles: ['Aspirantkorps', 'Skolekorps', 'Juniorkorps'],
    description: 'Spill i korps med venner. Vi øver én kveld i uka og spiller på 17. mai og konserter.',
    firstTime: 'Kom på en øvelse og prøv instrumentene. Korpset låner deg instrument gratis.',
    bring: 'Ingenting første gang.',
    costs: [['membership', 1200, 'semester', false], ['uniform', 0, 'once', false], ['trips', 2000, 'year', true], ['dugnad', 0, 'year', false]],
    equipment: [['Instrument', true, 'provided', 0], ['Uniform', true, 'provided', 0]],
  },
  kunst: {
    titles: ['Tegning og maling', 'Keramikk', 'Tegneserieverksted'],
    description: 'Lag bilder, figurer og tegneserier. Vi prøver mange teknikker, og alt materiell er med i prisen.',
    firstTime: 'Ta på deg klær som tåler maling. Læreren viser deg verkstedet.',
    bring: 'Klær som tåler maling.',
    costs: [['training_fee', 1500, 'semester', false]],
    equipment: [['Materiell', true, 'provided', 0]],
  },
  teater: {
    titles: ['Barneteater', 'Ungdomsteater', 'Musikal'],
    description: 'Vi leker med stemme, kropp og roller, og setter opp en forestilling for familie og venner hvert halvår.',
    firstTime: 'Bli med på en øvelse uten å melde deg på først. Vi starter alltid med lek.',
    bring: 'Behagelige klær.',
    costs: [['training_fee', 1300, 'semester', false], ['other', 200, 'year', true]],
    equipment: [],
  },
  sjakk: {
    titles: ['Sjakk for barn', 'Sjakkturnering for ungdom', 'Brettspillkveld'],
    description: 'Lær sjakk og andre brettspill i rolige omgivelser. Vi har saft og frukt i pausen.',
    firstTime: 'Bare kom! Du trenger ikke kunne reglene.',
    bring: 'Ingenting.',
    costs: [['membership', 100, 'year', true]],
    equipment: [['Sjakkbrett', false, 'provided', 0]],
  },
  friluftsliv: {
    titles: ['Friluftsgruppe', 'Padling og tur', 'Klatring og tur i skogen', 'Turgruppe for familier'],
    description: 'Vi går på tur, lager mat på bål og overnatter i gapahuk. Vi lærer å være trygge ute i all slags vær.',
    firstTime: 'Vi møtes på parkeringsplassen ved skolen. Lederen har en sjekkliste over hva du trenger.',
    bring: 'Sekk, drikke, matpakke og klær i lag.',
    costs: [['membership', 250, 'year', false], ['trips', 800, 'year', true]],
    equipment: [['Sovepose', false, 'lend', 900], ['Ryggsekk', true, 'lend', 600], ['Regntøy', true, 'lend', 500]],
  },
  klatring: {
    titles: ['Buldring for barn', 'Klatring ungdom', 'Klatrekurs'],
    description: 'Klatring på vegg inne og på fjell ute om sommeren. Vi lærer sikring fra første gang.',
    firstTime: 'Du får låne klatresko og sele. En instruktør er med deg hele tiden.',
    bring: 'Treningsklær.',
    costs: [['membership', 300, 'year', false], ['training_fee', 1400, 'semester', false], ['other', 600, 'once', false]],
    equipment: [['Klatresko', true, 'lend', 900], ['Sele', true, 'provided', 0]],
  },
  ridning: {
    titles: ['Ponniridning', 'Ridning for nybegynnere', 'Stallgruppe'],
    description: 'Stell og ridning av hest og ponni. Du lærer å ta vare på hesten før og etter ridetimen.',
    firstTime: 'Du får låne hjelm. Vi begynner med stell før vi rir.',
    bring: 'Støvler og klær som tåler stall.',
    costs: [['membership', 400, 'year', false], ['training_fee', 450, 'month', false], ['licence', 300, 'year', false]],
    equipment: [['Ridehjelm', true, 'lend', 900], ['Ridestøvler', true, 'buy', 700]],
  },
  gaming: {
    titles: ['E-sport', 'Spillkveld', 'Lag ditt eget spill'],
    description: 'Spill sammen med andre, lær om godt spillmiljø og lag egne spill. Maskiner står klare.',
    firstTime: 'Kom innom. En voksen viser deg rundt og setter deg på et lag.',
    bring: 'Headset hvis du har.',
    costs: [['membership', 150, 'year', false]],
    equipment: [['PC og headset', true, 'provided', 0]],
  },
  speider: {
    titles: ['Speidere 8–10 år', 'Speidere 11–14 år', 'Rovere'],
    description: 'Speiding er friluftsliv, samarbeid og ansvar. Vi har møter hver uke og turer gjennom året.',
    firstTime: 'Du kan være med på tre møter før du bestemmer deg.',
    bring: 'Klær etter været.',
    costs: [['membership', 450, 'year', false], ['uniform', 350, 'once', false], ['trips', 1600, 'year', true]],
    equipment: [['Speiderskjorte', true, 'buy', 350], ['Sovepose', false, 'lend', 900]],
  },
  fritidsklubb: {
    titles: ['Fritidsklubb', 'Juniorklubb', 'Jentekveld'],
    description: 'Et sted å være etter skolen med venner, spill, musikk og mat. Voksne er til stede.',
    firstTime: 'Bare kom. Det koster ingenting og du trenger ikke melde deg på.',
    bring: 'Ingenting.',
    costs: [],
    equipment: [],
  },
  sykkel: {
    titles: ['Sykkelgruppe', 'Terrengsykkel for ungdom', 'BMX'],
    description: 'Sykling på stier og i pumptrack. Vi lærer teknikk, sikkerhet og å reparere sykkelen.',
    firstTime: 'Du kan låne sykkel og hjelm de første gangene.',
    bring: 'Sykkel og hjelm hvis du har.',
    costs: [['membership', 300, 'year', false], ['training_fee', 700, 'semester', false], ['trips', 1200, 'year', true]],
    equipment: [['Sykkel', true, 'lend', 4000], ['Hjelm', true, 'lend', 500]],
  },
  annet: {
    kind: 'bordtennis',
    titles: ['Bordtennis for barn', 'Bordtennis ungdom'],
    description: 'Vi spiller bordtennis i gymsalen. Du lærer slag, server og spill mot andre på ditt nivå.',
    firstTime: 'Kom i treningsklær. Klubben låner deg racket og baller.',
    bring: 'Innesko og drikkeflaske.',
    costs: [['membership', 200, 'year', false], ['training_fee', 500, 'semester', false]],
    equipment: [['Racket', false, 'provided', 300], ['Innesko', true, 'lend', 700]],
  },
};

// `lends` names, among other things, every item an activity in the kommune sends families to borrow there
// (the seed links an item to the lender only when the lender's list has it; otherwise the club lends it).
/** Opening hours are [ISO weekday, opens, closes] rows. */
export const demoLenders: { kommune: string; area: string; slug: string; name: string; address: string; hours: [number, string, string][]; lends: string }[] = [
  { kommune: 'modum', area: 'vikersund', slug: 'bua-modum', name: 'BUA Modum', address: 'Idrettsveien 2, 3370 Vikersund', hours: [[2, '15:00', '19:00'], [4, '15:00', '19:00']], lends: 'Langrennsski og staver, skisko, skøyter, hjelm, sykkel, telt, sovepose, ryggsekk, regntøy, fotballsko, leggbeskyttere, piggsko, innesko, klatresko' },
  { kommune: 'sigdal', area: 'prestfoss', slug: 'utstyrssentralen-sigdal', name: 'Utstyrssentralen Sigdal', address: 'Storgata 10, 3350 Prestfoss', hours: [[3, '14:00', '18:00']], lends: 'Langrennsski og staver, skisko, ryggsekk, regntøy, sovepose, klatresko, fotballsko, leggbeskyttere, innesko, piggsko, ridehjelm' },
  { kommune: 'krodsherad', area: 'noresund', slug: 'bua-krodsherad', name: 'BUA Krødsherad', address: 'Grendeveien 1, 3536 Noresund', hours: [[1, '16:00', '19:00'], [6, '11:00', '14:00']], lends: 'Kajakk, sykkel, hjelm, langrennsski og staver, skisko, instrument, sovepose, ryggsekk, regntøy, fotballsko, leggbeskyttere, innesko' },
];

/** Whether a lender's list (`lends`, items separated by commas) has an item, whatever the case. */
export function lenderLends(lends: string, item: string) {
  return lends.split(',').some((x) => x.trim().toLowerCase() === item.trim().toLowerCase());
}

export const demoSchemes = [
  { kommune: 'modum', slug: 'fritidsstipend', kind: 'fritidsstipend', name: 'Fritidsstipend Modum', maxKr: 3000, covers: ['membership', 'training_fee', 'licence'], description: 'Et stipend som betaler kontingent og treningsavgift for én aktivitet per barn.', whoCanGet: 'Barn 6–18 år i familier med lav inntekt i Modum.', howToApply: 'Fyll ut et kort skjema hos NAV Modum eller be en fritidsguide om hjelp. Ingen i klubben får vite det.' },
  { kommune: 'modum', slug: 'utstyrsstotte', kind: 'equipment', name: 'Utstyrsstøtte Modum', maxKr: 1500, covers: ['equipment', 'uniform'], description: 'Penger til utstyr og drakt når noe ikke kan lånes på BUA.', whoCanGet: 'Barn som har fritidsstipend eller som får hjelp av en fritidsguide.', howToApply: 'Spør fritidsguiden, eller send en e-post til Frivilligsentralen.' },
  { kommune: 'modum', slug: 'friplass', kind: 'free_place', name: 'Friplass i klubb', maxKr: null, covers: ['membership', 'training_fee', 'licence', 'uniform', 'trips'], description: 'Noen klubber holder av gratis plasser. Fritidsguiden fordeler dem uten at klubben vet hvem som får.', whoCanGet: 'Barn som får hjelp av en fritidsguide.', howToApply: 'Be om en fritidsguide.' },
  { kommune: 'sigdal', slug: 'fritidskortet', kind: 'fritidskort', name: 'Fritidskortet Sigdal', maxKr: 2000, covers: ['membership', 'training_fee'], description: 'Alle barn 6–18 år får 2000 kroner i året til fritidsaktiviteter.', whoCanGet: 'Alle barn 6–18 år som bor i Sigdal.', howToApply: 'Kortet kommer automatisk. Vis det til klubben når du melder deg på – det ser likt ut for alle.' },
  { kommune: 'sigdal', slug: 'aktivitetsfondet', kind: 'activity_fund', name: 'Aktivitetsfondet Sigdal', maxKr: 2500, covers: ['trips', 'other', 'equipment'], description: 'Dekker turer, leirer og cuper som ellers er for dyre.', whoCanGet: 'Barn i familier med stram økonomi.', howToApply: 'Snakk med helsesykepleier på skolen eller be en fritidsguide om hjelp.' },
  { kommune: 'krodsherad', slug: 'fritidsstipend', kind: 'fritidsstipend', name: 'Fritidsstipend Krødsherad', maxKr: 2500, covers: ['membership', 'training_fee', 'licence', 'trips'], description: 'Stipend til kontingent, treningsavgift og turer for én aktivitet.', whoCanGet: 'Barn 6–18 år i familier med lav inntekt.', howToApply: 'Søk hos servicetorget i kommunen eller gjennom en fritidsguide.' },
  { kommune: 'krodsherad', slug: 'transportstotte', kind: 'transport', name: 'Skyss til aktivitet', maxKr: 1200, covers: ['other'], description: 'Dekker buss eller taxi når aktiviteten er langt unna og ingen kan kjøre.', whoCanGet: 'Barn som bor mer enn 4 km fra aktiviteten.', howToApply: 'Be en fritidsguide om hjelp.' },
  { kommune: 'krodsherad', slug: 'klubbfond', kind: 'club_fund', name: 'Klubbfondet', maxKr: 1000, covers: ['uniform', 'equipment', 'trips'], description: 'Klubbene i Krødsherad har et felles fond for utstyr og drakter.', whoCanGet: 'Alle medlemmer som trenger det.', howToApply: 'Be en fritidsguide om hjelp, så søker guiden for deg uten navn.' },
];

export const demoTranslations: { titleStartsWith: string; language: string; title: string; description: string }[] = [
  { titleStartsWith: 'Fotballskole', language: 'en', title: 'Football school', description: 'We train football twice a week. Everyone gets to play, and we focus on mastery and fun.' },
  { titleStartsWith: 'Fotballskole', language: 'ar', title: 'مدرسة كرة القدم', description: 'نتدرب على كرة القدم مرتين في الأسبوع. الجميع يلعب، ونركز على المتعة والتعلم.' },
  { titleStartsWith: 'Fotballskole', language: 'so', title: 'Dugsiga kubadda cagta', description: 'Waxaan tababarnaa kubadda cagta laba jeer usbuucii. Qof walba wuu ciyaaraa.' },
  { titleStartsWith: 'Skileik', language: 'en', title: 'Ski play', description: 'Ski play and cross-country skiing on the lit trail. The club has skis you can borrow.' },
  { titleStartsWith: 'Skileik', language: 'so', title: 'Ciyaarta barafka', description: 'Ciyaar baraf iyo orod baraf. Naadigu wuxuu leeyahay baraf-socod aad amaahan karto.' },
  { titleStartsWith: 'Fritidsklubb', language: 'ar', title: 'نادي أوقات الفراغ', description: 'مكان بعد المدرسة مع الأصدقاء والألعاب والموسيقى والطعام. يوجد بالغون.' },
  { titleStartsWith: 'Svømmeskole nybegynner', language: 'uk', title: 'Школа плавання для початківців', description: 'Вчимося безпечно плавати в малих групах у басейні.' },
  // Keramikk in five more languages: search by a club's own word in each (issue 11).
  { titleStartsWith: 'Keramikk', language: 'ar', title: 'ورشة الخَزَف للأطفال', description: 'نصنع أكوابًا وأطباقًا من الطين، ونلوّنها ونحرقها في الفرن.' },
  { titleStartsWith: 'Keramikk', language: 'ur', title: 'بچوں کے لیے کوزہ گری', description: 'ہم مٹی سے پیالے اور پلیٹیں بناتے ہیں اور انہیں رنگتے ہیں۔' },
  { titleStartsWith: 'Keramikk', language: 'so', title: 'Samaynta dheryaha dhoobada', description: 'Waxaan dhoobo ka samaynaa koobab iyo saxanno, kadibna waan rinjiyeynaa.' },
  { titleStartsWith: 'Keramikk', language: 'pl', title: 'Ceramika dla dzieci', description: 'Lepimy z gliny miski i kubki, malujemy je i wypalamy w piecu.' },
  { titleStartsWith: 'Keramikk', language: 'uk', title: 'Кераміка для дітей', description: 'Ліпимо з глини миски й чашки, розмальовуємо їх і випалюємо в печі.' },
  { titleStartsWith: 'Friluftsgruppe', language: 'so', title: 'Kooxda dabeecadda', description: 'Waxaan socdaal u baxnaa, cunto ku karinnaa dab, oo ku seexannaa hoy.' },
];

type SchemeTexts = { name: string; description?: string; whoCanGet?: string; howToApply?: string };

/**
 * Translations of the demo support schemes (kommune/slug → language → texts). Not every text in every
 * language, as in a real kommune: what is missing shows in bokmål, marked as such.
 */
export const demoSchemeTranslations: Record<string, Record<string, SchemeTexts>> = {
  'modum/fritidsstipend': {
    en: { name: 'Leisure grant Modum', description: 'A grant that pays the membership and training fee for one activity per child.', whoCanGet: 'Children aged 6–18 in low-income families in Modum.', howToApply: 'Fill in a short form at NAV Modum or ask a leisure guide for help. Nobody at the club will know.' },
    so: { name: 'Deeqda waqtiga firaaqada Modum', description: 'Deeq bixisa khidmadda xubinnimada iyo tababarka hal hawl oo ilmo kasta ah.', whoCanGet: 'Carruurta 6–18 jir ah ee ku nool qoysaska dakhligoodu yar yahay ee Modum.', howToApply: 'Buuxi foom gaaban oo NAV Modum ah ama weydiiso hagaha waqtiga firaaqada. Naadiga cidna ogaan maysa.' },
    ar: { name: 'منحة أوقات الفراغ في مودوم', description: 'منحة تدفع رسوم العضوية والتدريب لنشاط واحد لكل طفل.', whoCanGet: 'الأطفال من 6 إلى 18 سنة في الأسر ذات الدخل المنخفض في مودوم.', howToApply: 'املأ استمارة قصيرة لدى NAV مودوم أو اطلب المساعدة من مرشد أوقات الفراغ. لن يعرف أحد في النادي.' },
    pl: { name: 'Stypendium na zajęcia Modum' },
    uk: { name: 'Стипендія на дозвілля Модум' },
  },
  'modum/utstyrsstotte': {
    en: { name: 'Equipment support Modum' },
    so: { name: 'Taageerada qalabka Modum', description: 'Lacag qalab iyo dirays ah marka aan wax laga amaahan karin BUA.' },
    ar: { name: 'دعم المعدات في مودوم' },
    pl: { name: 'Wsparcie na sprzęt Modum' },
    uk: { name: 'Підтримка на спорядження Модум' },
  },
  'modum/friplass': {
    en: { name: 'Free place in a club' },
    so: { name: 'Boos bilaash ah oo naadi ah' },
    ar: { name: 'مكان مجاني في نادٍ' },
    pl: { name: 'Bezpłatne miejsce w klubie' },
    uk: { name: 'Безкоштовне місце в клубі' },
  },
  'sigdal/fritidskortet': {
    en: { name: 'Leisure card Sigdal', description: 'Every child aged 6–18 gets NOK 2,000 a year for leisure activities.', whoCanGet: 'All children aged 6–18 who live in Sigdal.', howToApply: 'The card comes by itself. Show it to the club when you sign up – it looks the same for everyone.' },
    so: { name: 'Kaarka waqtiga firaaqada Sigdal', description: 'Ilmo kasta oo 6–18 jir ah wuxuu helaa 2000 karoon sanadkii hawlaha waqtiga firaaqada.' },
    ar: { name: 'بطاقة أوقات الفراغ في سيغدال', description: 'يحصل كل طفل من 6 إلى 18 سنة على 2000 كرونة سنويًا للأنشطة الترفيهية.' },
    pl: { name: 'Karta na zajęcia Sigdal' },
    uk: { name: 'Картка дозвілля Сігдал' },
  },
  'sigdal/aktivitetsfondet': {
    en: { name: 'Activity fund Sigdal' },
    so: { name: 'Sanduuqa hawlaha Sigdal' },
    ar: { name: 'صندوق الأنشطة في سيغدال' },
  },
  'krodsherad/fritidsstipend': {
    en: { name: 'Leisure grant Krødsherad' },
    so: { name: 'Deeqda waqtiga firaaqada Krødsherad' },
    ar: { name: 'منحة أوقات الفراغ في كرودشيراد' },
  },
  'krodsherad/transportstotte': {
    en: { name: 'Transport to activities' },
    so: { name: 'Gaadiidka hawlaha' },
    ar: { name: 'المواصلات إلى النشاط' },
  },
  'krodsherad/klubbfond': {
    en: { name: 'The club fund' },
    so: { name: 'Sanduuqa naadiyada' },
    ar: { name: 'صندوق الأندية' },
  },
};

/**
 * Club translations of equipment items (bokmål item → language → text), added to the activities whose
 * title the demo translates (demoTranslations), so a translated page has translated equipment too —
 * and some items left in bokmål, as a club would.
 */
export const demoEquipmentTranslations: Record<string, Record<string, string>> = {
  Sovepose: { so: 'Bac hurdo', ar: 'كيس نوم', en: 'Sleeping bag', uk: 'Спальник' },
  Ryggsekk: { so: 'Boorso dhabarka', en: 'Backpack' },
  Regntøy: { en: 'Rain gear' },
  Fotballsko: { ar: 'حذاء كرة القدم', so: 'Kabo kubadda cagta', en: 'Football boots' },
  Leggbeskyttere: { ar: 'واقي الساق', en: 'Shin guards' },
  Ball: { en: 'Ball', so: 'Kubad' },
  'Langrennsski og staver': { en: 'Cross-country skis and poles', so: 'Baraf-socod iyo ulo' },
  Skisko: { en: 'Ski boots' },
  Svømmebriller: { uk: 'Окуляри для плавання' },
};
