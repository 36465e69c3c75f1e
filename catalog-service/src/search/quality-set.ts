// The search quality set: what a shopper types in the demo catalog, and the products that must
// fill the top three (product slugs; fewer than three when fewer are relevant). quality.test.ts
// runs it against a freshly seeded demo catalog and holds precision@3 at 0.9 or above.

export type QualityKind =
  | 'exact'
  | 'one typo'
  | 'two typos'
  | 'missing space'
  | 'extra space'
  | 'plural/singular'
  | 'accents'
  | 'sku'
  | 'prefix'
  | 'synonym';

export interface QualityCase {
  q: string;
  kind: QualityKind;
  /** the relevant products; a query scores the share of the first min(3, expect.length) of its top 3 found among them */
  expect: string[];
}

const HEADPHONES = 'aurora-wireless-over-ear-headphones';
const KEYBOARD = 'tactile-mechanical-keyboard';
const LAVENDER_CANDLE = 'lavender-sleep-candle';
const CEDAR_CANDLE = 'cedar-and-amber-soy-candle';
const STEEL_BOTTLE = 'insulated-steel-water-bottle-750-ml';
const SMARTPHONE = 'horizon-6-1-inch-smartphone';
const SMARTWATCH = 'orbit-fitness-smartwatch';
const SPEAKERS = ['pulse-portable-bluetooth-speaker', 'echo-studio-bookshelf-speakers'];
const TEES = ['organic-cotton-crew-t-shirt', 'heavyweight-pocket-tee'];
const JACKETS = ['waxed-canvas-field-jacket', 'quilted-puffer-jacket'];
const PUZZLES = ['1000-piece-mountain-lake-jigsaw', '500-piece-night-sky-puzzle'];
const BEARS = ['cuddly-brown-teddy-bear', 'giant-cuddle-bear-80-cm'];

export const QUALITY_SET: QualityCase[] = [
  // exact words
  { q: 'headphones', kind: 'exact', expect: [HEADPHONES] },
  { q: 'mechanical keyboard', kind: 'exact', expect: [KEYBOARD] },
  { q: 'yoga mat', kind: 'exact', expect: ['natural-cork-yoga-mat'] },
  { q: 'kettle', kind: 'exact', expect: ['gooseneck-electric-kettle'] },
  { q: 'teddy bear', kind: 'exact', expect: BEARS },
  { q: 'smartwatch', kind: 'exact', expect: [SMARTWATCH] },
  { q: 'tennis racket', kind: 'exact', expect: ['graphite-tennis-racket'] },
  { q: 'dome tent', kind: 'exact', expect: ['two-person-dome-tent'] },
  { q: 'jigsaw', kind: 'exact', expect: PUZZLES },
  { q: 'sunglasses', kind: 'exact', expect: ['polarised-classic-sunglasses'] },
  { q: 'hoodie', kind: 'exact', expect: ['brushed-fleece-hoodie'] },
  { q: 'water bottle', kind: 'exact', expect: [STEEL_BOTTLE] },
  { q: 'board game', kind: 'exact', expect: ['harbour-traders-board-game'] },
  { q: 'shampoo', kind: 'exact', expect: ['argan-repair-shampoo'] },
  { q: 'frying pan', kind: 'exact', expect: ['everyday-nonstick-frying-pan-28-cm'] },
  // one typo
  { q: 'hedphones', kind: 'one typo', expect: [HEADPHONES] },
  { q: 'mechanicl keybord', kind: 'one typo', expect: [KEYBOARD] },
  { q: 'lavendar candel', kind: 'one typo', expect: [LAVENDER_CANDLE] },
  { q: 'ketle', kind: 'one typo', expect: ['gooseneck-electric-kettle'] },
  { q: 'tablte', kind: 'one typo', expect: ['canvas-11-inch-tablet'] },
  { q: 'speakr', kind: 'one typo', expect: SPEAKERS },
  { q: 'moniter', kind: 'one typo', expect: ['strata-27-inch-4k-monitor'] },
  { q: 'helmit', kind: 'one typo', expect: ['ventilated-cycling-helmet'] },
  { q: 'lanturn', kind: 'one typo', expect: ['rechargeable-camp-lantern'] },
  { q: 'hoddie', kind: 'one typo', expect: ['brushed-fleece-hoodie'] },
  { q: 'dumbell', kind: 'one typo', expect: ['hex-dumbbell-pair-5-kg'] },
  { q: 'puzzel', kind: 'one typo', expect: ['500-piece-night-sky-puzzle'] },
  { q: 'sneekers', kind: 'one typo', expect: ['everyday-canvas-sneakers'] },
  { q: 'moisturizer', kind: 'one typo', expect: ['hydrating-daily-moisturiser'] },
  // two typos (words of nine letters or more)
  { q: 'smartfone', kind: 'two typos', expect: [SMARTPHONE] },
  { q: 'headfones', kind: 'two typos', expect: [HEADPHONES] },
  { q: 'insulatd stel bottle', kind: 'two typos', expect: [STEEL_BOTTLE] },
  { q: 'baskitbal', kind: 'two typos', expect: ['indoor-outdoor-basketball'] },
  { q: 'heaphonse', kind: 'two typos', expect: [HEADPHONES] },
  { q: 'eucaliptuss', kind: 'two typos', expect: ['eucalyptus-bath-towel-set'] },
  { q: 'rechargebal lantern', kind: 'two typos', expect: ['rechargeable-camp-lantern'] },
  { q: 'mecanical keybaord', kind: 'two typos', expect: [KEYBOARD] },
  // a missing space
  { q: 'yogamat', kind: 'missing space', expect: ['natural-cork-yoga-mat'] },
  { q: 'teddybear', kind: 'missing space', expect: BEARS },
  { q: 'boardgame', kind: 'missing space', expect: ['harbour-traders-board-game'] },
  { q: 'tshirt', kind: 'missing space', expect: TEES },
  { q: 'coffeemug', kind: 'missing space', expect: ['stoneware-coffee-mug-set-of-4'] },
  { q: 'lipbalm', kind: 'missing space', expect: ['travel-lip-balm-trio'] },
  // an extra space
  { q: 'head phones', kind: 'extra space', expect: [HEADPHONES] },
  { q: 'smart phone', kind: 'extra space', expect: [SMARTPHONE] },
  { q: 'smart watch', kind: 'extra space', expect: [SMARTWATCH] },
  { q: 'tooth brush', kind: 'extra space', expect: ['sonic-electric-toothbrush'] },
  { q: 'back pack', kind: 'extra space', expect: ['commuter-roll-top-backpack'] },
  { q: 'basket ball', kind: 'extra space', expect: ['indoor-outdoor-basketball'] },
  // plural and singular
  { q: 'candles', kind: 'plural/singular', expect: [LAVENDER_CANDLE, CEDAR_CANDLE] },
  { q: 'speaker', kind: 'plural/singular', expect: SPEAKERS },
  { q: 'headphone', kind: 'plural/singular', expect: [HEADPHONES] },
  { q: 'boot', kind: 'plural/singular', expect: ['trail-leather-boots'] },
  { q: 'sneaker', kind: 'plural/singular', expect: ['everyday-canvas-sneakers'] },
  { q: 'towels', kind: 'plural/singular', expect: ['eucalyptus-bath-towel-set'] },
  { q: 'block', kind: 'plural/singular', expect: ['wooden-alphabet-blocks-40-pieces'] },
  { q: 'jackets', kind: 'plural/singular', expect: JACKETS },
  // accents typed where the catalog has none
  { q: 'lavènder', kind: 'accents', expect: [LAVENDER_CANDLE] },
  { q: 'sunscréen', kind: 'accents', expect: ['mineral-sunscreen-spf-50'] },
  { q: 'eucalyptüs', kind: 'accents', expect: ['eucalyptus-bath-towel-set'] },
  { q: 'hoodié', kind: 'accents', expect: ['brushed-fleece-hoodie'] },
  { q: 'wóoden dice', kind: 'accents', expect: ['classic-wooden-dice-set'] },
  { q: 'pûzzle', kind: 'accents', expect: ['500-piece-night-sky-puzzle'] },
  // SKUs, whole and in part
  { q: 'ELEC-AUD-001', kind: 'sku', expect: [HEADPHONES] },
  { q: 'elec-cmp-003', kind: 'sku', expect: [KEYBOARD] },
  { q: 'SPRT-FIT-003', kind: 'sku', expect: [STEEL_BOTTLE] },
  { q: 'BEAU-WEL-002', kind: 'sku', expect: [LAVENDER_CANDLE] },
  {
    q: 'TOYS-PUZ',
    kind: 'sku',
    expect: [...PUZZLES, 'harbour-traders-board-game', 'classic-wooden-dice-set'],
  },
  // the start of the last word, while typing
  { q: 'headph', kind: 'prefix', expect: [HEADPHONES] },
  { q: 'keyb', kind: 'prefix', expect: [KEYBOARD] },
  { q: 'lavender can', kind: 'prefix', expect: [LAVENDER_CANDLE] },
  { q: 'mechanical key', kind: 'prefix', expect: [KEYBOARD] },
  { q: 'sungl', kind: 'prefix', expect: ['polarised-classic-sunglasses'] },
  { q: 'dumbb', kind: 'prefix', expect: ['hex-dumbbell-pair-5-kg'] },
  { q: 'smartw', kind: 'prefix', expect: [SMARTWATCH] },
  { q: 'trekk', kind: 'prefix', expect: ['trekking-daypack-28-l'] },
  { q: 'hedpho', kind: 'prefix', expect: [HEADPHONES] },
  { q: 'lavendr cand', kind: 'prefix', expect: [LAVENDER_CANDLE] },
  // the demo's synonyms
  { q: 'tee', kind: 'synonym', expect: TEES },
  { q: 'couch', kind: 'synonym', expect: ['harbor-upholstered-armchair'] },
  { q: 'trainers', kind: 'synonym', expect: ['everyday-canvas-sneakers'] },
  { q: 'rucksack', kind: 'synonym', expect: ['commuter-roll-top-backpack', 'trekking-daypack-28-l'] },
];
