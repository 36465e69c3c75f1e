import type { IconName } from './icons.js';

export interface DemoProduct {
  name: string;
  price: string;
  stock: number;
  icon: IconName;
  tags: string[];
  description: string;
  featured?: boolean;
}

export interface DemoCategory {
  name: string;
  /** the middle of the SKU: ELEC-AUD-001 */
  code: string;
  products: DemoProduct[];
}

export interface DemoDepartment {
  name: string;
  /** the start of the SKU */
  code: string;
  /** the tiles' palette */
  hue: number;
  children: DemoCategory[];
}

/** The demo shop: seven departments, three categories each, 77 products. */
export const DEMO_CATALOG: DemoDepartment[] = [
  {
    name: 'Electronics',
    code: 'ELEC',
    hue: 212,
    children: [
      {
        name: 'Audio',
        code: 'AUD',
        products: [
          {
            name: 'Aurora Wireless Over-Ear Headphones',
            price: '149.00',
            stock: 42,
            icon: 'headphones',
            featured: true,
            tags: ['wireless', 'noise-cancelling', 'bluetooth'],
            description:
              'Plush memory-foam cushions and active noise cancelling that quiet a busy commute. Up to 30 hours of playback on one charge, and a ten-minute top-up adds three more.',
          },
          {
            name: 'Pulse Portable Bluetooth Speaker',
            price: '59.99',
            stock: 85,
            icon: 'speaker',
            tags: ['bluetooth', 'portable', 'waterproof'],
            description:
              'A palm-sized speaker with a surprisingly full bass and a 12-hour battery. Rated IP67, so a splash at the pool or a rainy picnic is no trouble.',
          },
          {
            name: 'Echo Studio Bookshelf Speakers',
            price: '229.00',
            stock: 12,
            icon: 'speaker',
            tags: ['hi-fi', 'home-audio', 'pair'],
            description:
              'A matched pair of two-way speakers with silk-dome tweeters and walnut-finish cabinets. Connect by cable or Bluetooth and fill a living room with clear, warm sound.',
          },
          {
            name: 'Nimbus True Wireless Earbuds',
            price: '79.99',
            stock: 3,
            icon: 'earbuds',
            tags: ['wireless', 'earbuds', 'compact'],
            description:
              'Light earbuds with three sizes of soft tips for a secure fit on a run. The pocket case holds four extra charges and closes with a satisfying magnetic snap.',
          },
        ],
      },
      {
        name: 'Computers',
        code: 'CMP',
        products: [
          {
            name: 'Vertex 14-inch Ultrabook',
            price: '1299.00',
            stock: 8,
            icon: 'laptop',
            featured: true,
            tags: ['laptop', 'lightweight', 'work'],
            description:
              'An aluminium laptop that weighs 1.2 kg and lasts a full working day. The bright 14-inch display, backlit keyboard and two USB-C ports cover work and travel alike.',
          },
          {
            name: 'Strata 27-inch 4K Monitor',
            price: '379.00',
            stock: 17,
            icon: 'monitor',
            tags: ['monitor', '4k', 'office'],
            description:
              'A crisp 27-inch IPS panel with accurate colour straight out of the box. The stand tilts, swivels and rises, and a single USB-C cable also charges your laptop.',
          },
          {
            name: 'Tactile Mechanical Keyboard',
            price: '119.00',
            stock: 64,
            icon: 'keyboard',
            tags: ['keyboard', 'mechanical', 'wired'],
            description:
              'A compact tenkeyless board with hot-swappable switches and double-shot keycaps. Each press is crisp and quiet enough for a shared office.',
          },
          {
            name: 'Glide Ergonomic Wireless Mouse',
            price: '34.99',
            stock: 150,
            icon: 'mouse',
            tags: ['mouse', 'wireless', 'ergonomic'],
            description:
              'Sculpted to rest the hand at a natural angle through long days at the desk. Pairs with three devices and switches between them at the press of a button.',
          },
          {
            name: 'Arcade Wireless Game Controller',
            price: '49.99',
            stock: 0,
            icon: 'gamepad',
            tags: ['gaming', 'wireless', 'controller'],
            description:
              'A comfortable controller with responsive triggers and low-latency wireless. Works with PCs, tablets and most smart TVs out of the box.',
          },
        ],
      },
      {
        name: 'Phones & Tablets',
        code: 'PHN',
        products: [
          {
            name: 'Horizon 6.1-inch Smartphone',
            price: '699.00',
            stock: 25,
            icon: 'phone',
            featured: true,
            tags: ['smartphone', '5g', 'dual-camera'],
            description:
              'A bright OLED screen, a dual camera that shines at night and a battery that sees you through the day. Comes with 128 GB of storage and a clear protective case.',
          },
          {
            name: 'Canvas 11-inch Tablet',
            price: '449.00',
            stock: 0,
            icon: 'tablet',
            tags: ['tablet', 'stylus', 'reading'],
            description:
              'A slim tablet for reading, sketching and video calls. The matte screen cuts glare and works with a pressure-sensitive stylus.',
          },
          {
            name: 'Orbit Fitness Smartwatch',
            price: '199.00',
            stock: 38,
            icon: 'watch',
            tags: ['smartwatch', 'fitness', 'gps'],
            description:
              'Tracks runs with built-in GPS, heart rate and sleep, and shows your messages at a glance. Water-resistant to 50 metres with a week of battery.',
          },
        ],
      },
    ],
  },
  {
    name: 'Home & Kitchen',
    code: 'HOME',
    hue: 24,
    children: [
      {
        name: 'Kitchen',
        code: 'KIT',
        products: [
          {
            name: 'Stoneware Coffee Mug Set of 4',
            price: '32.00',
            stock: 120,
            icon: 'mug',
            tags: ['ceramic', 'dishwasher-safe', 'gift'],
            description:
              'Four generous 350 ml mugs in a speckled reactive glaze, each one slightly different. Microwave and dishwasher safe, and heavy enough to feel good in the hand.',
          },
          {
            name: 'Everyday Nonstick Frying Pan 28 cm',
            price: '39.95',
            stock: 70,
            icon: 'pan',
            tags: ['cookware', 'nonstick', 'induction'],
            description:
              'A sturdy pan with a ceramic nonstick coating that releases eggs without a fight. Works on every hob, induction included, and is oven safe to 220 °C.',
          },
          {
            name: 'Gooseneck Electric Kettle',
            price: '64.00',
            stock: 22,
            icon: 'kettle',
            featured: true,
            tags: ['kettle', 'pour-over', 'temperature-control'],
            description:
              'A slender spout gives the slow, steady pour that pour-over coffee needs. Set the exact temperature for green tea or a dark roast and it holds it for an hour.',
          },
          {
            name: 'Double-Wall Travel Mug',
            price: '24.50',
            stock: 4,
            icon: 'mug',
            tags: ['travel', 'insulated', 'leak-proof'],
            description:
              'Keeps coffee hot for six hours and fits most car cup holders. The lid locks shut, so it can ride in a bag without leaking.',
          },
        ],
      },
      {
        name: 'Furniture',
        code: 'FUR',
        products: [
          {
            name: 'Harbor Upholstered Armchair',
            price: '489.00',
            stock: 6,
            icon: 'chair',
            featured: true,
            tags: ['armchair', 'living-room', 'upholstered'],
            description:
              'A deep, supportive seat wrapped in a soft woven fabric, on solid beech legs. Small enough for a reading corner and comfortable enough for a whole afternoon.',
          },
          {
            name: 'Oslo Oak Dining Chair',
            price: '149.00',
            stock: 30,
            icon: 'chair',
            tags: ['dining', 'oak', 'scandinavian'],
            description:
              'A solid oak chair with a gently curved back and a cushioned seat. Simple joinery and an oiled finish that ages beautifully.',
          },
          {
            name: 'Linen Throw Pillow',
            price: '29.00',
            stock: 95,
            icon: 'pillow',
            tags: ['cushion', 'linen', 'decor'],
            description: 'A stonewashed linen cover over a plump feather-free insert. The hidden zip makes the cover easy to wash.',
          },
        ],
      },
      {
        name: 'Decor & Lighting',
        code: 'DEC',
        products: [
          {
            name: 'Arc Ceramic Table Lamp',
            price: '89.00',
            stock: 40,
            icon: 'lamp',
            tags: ['lamp', 'ceramic', 'bedside'],
            description:
              'A hand-glazed ceramic base under a soft fabric shade that spreads a warm, even light. Perfect on a bedside table or a side table by the sofa.',
          },
          {
            name: 'Faux Fiddle-Leaf Fig in Pot',
            price: '74.00',
            stock: 18,
            icon: 'plant',
            tags: ['plant', 'faux', 'decor'],
            description: 'A lifelike 90 cm fig that never drops a leaf or needs watering. Arrives ready to display in a matte ceramic pot.',
          },
          {
            name: 'Cedar and Amber Soy Candle',
            price: '19.50',
            stock: 160,
            icon: 'candle',
            tags: ['candle', 'soy', 'scented'],
            description:
              'Hand-poured soy wax with a cotton wick that burns clean for around 45 hours. A warm blend of cedarwood, amber and a hint of smoke.',
          },
          {
            name: 'Minimal Wall Clock',
            price: '45.00',
            stock: 0,
            icon: 'clock',
            tags: ['clock', 'silent', 'decor'],
            description:
              'A clean 30 cm face with a silent sweep movement, so it never ticks at night. The powder-coated frame suits a kitchen or a study.',
          },
        ],
      },
    ],
  },
  {
    name: 'Books',
    code: 'BOOK',
    hue: 262,
    children: [
      {
        name: 'Fiction',
        code: 'FIC',
        products: [
          {
            name: "The Lighthouse Keeper's Daughter",
            price: '16.99',
            stock: 80,
            icon: 'book',
            tags: ['novel', 'historical', 'paperback'],
            description:
              'On a storm-bound island in 1910, a young woman keeps the light burning after her father vanishes. A gripping, atmospheric novel about duty, grief and the sea.',
          },
          {
            name: 'Salt and Starlight',
            price: '14.99',
            stock: 65,
            icon: 'book',
            tags: ['novel', 'romance', 'paperback'],
            description:
              'Two strangers meet on the last ferry of the summer and keep missing each other for ten years. Tender, funny and impossible to put down.',
          },
          {
            name: "The Clockmaker's Silence",
            price: '18.50',
            stock: 2,
            icon: 'book',
            tags: ['mystery', 'hardcover'],
            description:
              'A village clockmaker stops every clock in town on the night of a murder. An elegant puzzle of a mystery with a twist you will not see coming.',
          },
          {
            name: 'Tides of the Northern Sea',
            price: '12.99',
            stock: 55,
            icon: 'open-book',
            tags: ['short-stories', 'paperback'],
            description:
              'Twelve linked stories of fishing towns along a cold and beautiful coast. Quiet, luminous writing that stays with you.',
          },
        ],
      },
      {
        name: 'Non-Fiction',
        code: 'NON',
        products: [
          {
            name: 'The Practical Home Cook',
            price: '29.99',
            stock: 44,
            icon: 'open-book',
            featured: true,
            tags: ['cookbook', 'recipes', 'hardcover'],
            description:
              'Over 150 reliable weeknight recipes built on a handful of pantry staples. Clear steps, honest timings and photographs of every dish.',
          },
          {
            name: 'A Short History of Maps',
            price: '24.00',
            stock: 36,
            icon: 'books',
            tags: ['history', 'geography', 'illustrated'],
            description:
              'From clay tablets to satellite images, how people have drawn the world and why it matters. Richly illustrated with more than 200 maps.',
          },
          {
            name: 'Habits of Quiet Focus',
            price: '17.99',
            stock: 90,
            icon: 'book',
            tags: ['self-help', 'productivity', 'paperback'],
            description:
              'A calm, practical guide to doing deep work in a noisy world. Short chapters and small experiments you can try the same day.',
          },
          {
            name: 'Field Guide to Garden Birds',
            price: '21.00',
            stock: 27,
            icon: 'open-book',
            tags: ['nature', 'birds', 'guide'],
            description: 'Identify more than 120 common birds by sight and song. Pocket-sized, with hand-painted plates and range maps.',
          },
        ],
      },
      {
        name: "Children's Books",
        code: 'KID',
        products: [
          {
            name: "The Moon Who Couldn't Sleep",
            price: '9.99',
            stock: 120,
            icon: 'book',
            tags: ['picture-book', 'bedtime', 'ages-3-6'],
            description:
              'The moon tries everything to fall asleep, with a little help from the animals of the night. A gentle bedtime story with soft, glowing illustrations.',
          },
          {
            name: 'Dinosaur Facts Sticker Book',
            price: '7.49',
            stock: 140,
            icon: 'open-book',
            tags: ['activity', 'stickers', 'ages-5-8'],
            description: 'Fifty dinosaurs, 300 reusable stickers and a fact on every page. Hours of quiet fun for young palaeontologists.',
          },
          {
            name: 'First Words Picture Book',
            price: '6.99',
            stock: 0,
            icon: 'books',
            tags: ['board-book', 'toddler'],
            description:
              'A sturdy board book of everyday words with bright, friendly pictures. Rounded corners and wipe-clean pages for little hands.',
          },
        ],
      },
    ],
  },
  {
    name: 'Clothing',
    code: 'CLTH',
    hue: 346,
    children: [
      {
        name: 'Tops',
        code: 'TOP',
        products: [
          {
            name: 'Organic Cotton Crew T-Shirt',
            price: '19.99',
            stock: 200,
            icon: 'tshirt',
            tags: ['t-shirt', 'organic', 'unisex'],
            description:
              'A soft, mid-weight tee in certified organic cotton with a clean crew neck. Pre-shrunk, so it keeps its shape wash after wash.',
          },
          {
            name: 'Heavyweight Pocket Tee',
            price: '24.00',
            stock: 150,
            icon: 'tshirt',
            tags: ['t-shirt', 'heavyweight', 'pocket'],
            description:
              'A thick, structured cotton tee with a chest pocket and a relaxed fit. The kind of shirt that gets better with every wear.',
          },
          {
            name: 'Brushed Fleece Hoodie',
            price: '54.00',
            stock: 70,
            icon: 'hoodie',
            featured: true,
            tags: ['hoodie', 'fleece', 'unisex'],
            description:
              'Brushed on the inside for a cosy, cloud-like feel, with a roomy kangaroo pocket. A lined hood and ribbed cuffs keep the warmth in.',
          },
        ],
      },
      {
        name: 'Outerwear',
        code: 'OUT',
        products: [
          {
            name: 'Waxed Canvas Field Jacket',
            price: '179.00',
            stock: 14,
            icon: 'jacket',
            tags: ['jacket', 'waxed-cotton', 'water-resistant'],
            description:
              'A rugged jacket in waxed cotton that shrugs off drizzle and wind. Four front pockets and a corduroy collar for a classic look.',
          },
          {
            name: 'Packable Rain Shell',
            price: '89.00',
            stock: 33,
            icon: 'jacket',
            tags: ['rain', 'packable', 'lightweight'],
            description:
              'A fully waterproof shell that folds into its own pocket. Taped seams and an adjustable hood for sudden downpours.',
          },
          {
            name: 'Quilted Puffer Jacket',
            price: '129.00',
            stock: 21,
            icon: 'jacket',
            tags: ['puffer', 'insulated', 'winter'],
            description:
              'Light recycled insulation that traps warmth without the bulk. Packs down small for travel and layers well under a coat.',
          },
        ],
      },
      {
        name: 'Shoes & Accessories',
        code: 'SHO',
        products: [
          {
            name: 'Everyday Canvas Sneakers',
            price: '64.99',
            stock: 80,
            icon: 'sneaker',
            tags: ['sneakers', 'canvas', 'casual'],
            description: 'Low-top canvas sneakers on a cushioned rubber sole. They go with everything and feel broken in from day one.',
          },
          {
            name: 'Trail Leather Boots',
            price: '159.00',
            stock: 3,
            icon: 'boot',
            tags: ['boots', 'leather', 'hiking'],
            description:
              'Full-grain leather boots with a grippy lugged sole and a padded collar. Ready for muddy trails and city pavements alike.',
          },
          {
            name: 'Commuter Roll-Top Backpack',
            price: '95.00',
            stock: 48,
            icon: 'backpack',
            featured: true,
            tags: ['backpack', 'laptop', 'water-resistant'],
            description:
              'A weatherproof roll-top pack with a padded sleeve for a 16-inch laptop. Expands from 20 to 26 litres for the gym kit on Fridays.',
          },
          {
            name: 'Polarised Classic Sunglasses',
            price: '39.00',
            stock: 60,
            icon: 'sunglasses',
            tags: ['sunglasses', 'polarised', 'uv400'],
            description:
              'Timeless frames with polarised lenses that cut glare on water and snow. Full UV400 protection and a sturdy case included.',
          },
          {
            name: 'Six-Panel Cotton Cap',
            price: '22.00',
            stock: 110,
            icon: 'cap',
            tags: ['cap', 'cotton', 'adjustable'],
            description: 'A washed cotton cap with a curved brim and an adjustable strap. Soft from the first wear and easy to pack.',
          },
        ],
      },
    ],
  },
  {
    name: 'Sports & Outdoors',
    code: 'SPRT',
    hue: 148,
    children: [
      {
        name: 'Fitness',
        code: 'FIT',
        products: [
          {
            name: 'Hex Dumbbell Pair 5 kg',
            price: '49.99',
            stock: 40,
            icon: 'dumbbell',
            tags: ['weights', 'strength', 'home-gym'],
            description:
              'Rubber-coated hex dumbbells that will not roll away or mark the floor. Knurled chrome handles give a secure grip.',
          },
          {
            name: 'Natural Cork Yoga Mat',
            price: '44.00',
            stock: 55,
            icon: 'yoga-mat',
            tags: ['yoga', 'cork', 'non-slip'],
            description:
              'A cork surface that grips better the more you sweat, over a cushioning rubber base. Naturally antimicrobial and easy to wipe clean.',
          },
          {
            name: 'Insulated Steel Water Bottle 750 ml',
            price: '27.00',
            stock: 180,
            icon: 'bottle',
            tags: ['bottle', 'insulated', 'bpa-free'],
            description: 'Keeps water cold for 24 hours and coffee hot for 12. The powder-coated finish will not sweat or slip.',
          },
          {
            name: 'Indoor Outdoor Basketball',
            price: '29.99',
            stock: 66,
            icon: 'ball',
            tags: ['basketball', 'size-7', 'outdoor'],
            description: 'A composite leather ball with deep channels for a sure grip on any court. Holds its air through a whole season.',
          },
          {
            name: 'Graphite Tennis Racket',
            price: '119.00',
            stock: 19,
            icon: 'racket',
            tags: ['tennis', 'graphite', 'strung'],
            description: 'A light, forgiving racket with a generous sweet spot for improving players. Comes strung with a padded cover.',
          },
        ],
      },
      {
        name: 'Camping & Hiking',
        code: 'CAM',
        products: [
          {
            name: 'Two-Person Dome Tent',
            price: '219.00',
            stock: 11,
            icon: 'tent',
            featured: true,
            tags: ['tent', 'camping', 'waterproof'],
            description:
              'Pitches in five minutes with colour-coded poles, and two doors mean nobody climbs over anyone. Weighs just 2.1 kg packed.',
          },
          {
            name: 'Rechargeable Camp Lantern',
            price: '34.00',
            stock: 0,
            icon: 'lantern',
            tags: ['lantern', 'rechargeable', 'led'],
            description: 'A warm, dimmable LED lantern that runs for 40 hours on low. Doubles as a power bank for your phone.',
          },
          {
            name: 'Trekking Daypack 28 L',
            price: '79.00',
            stock: 35,
            icon: 'backpack',
            tags: ['daypack', 'hiking', 'ventilated'],
            description:
              'A ventilated back panel and a hip belt carry the load comfortably on long climbs. Hydration sleeve and rain cover included.',
          },
        ],
      },
      {
        name: 'Cycling',
        code: 'CYC',
        products: [
          {
            name: 'Aluminium City Bike',
            price: '649.00',
            stock: 5,
            icon: 'bike',
            tags: ['bike', 'commuter', 'eight-speed'],
            description:
              'A light aluminium frame, eight smooth gears and hydraulic disc brakes for confident stops in the rain. Mudguards and a rear rack come fitted.',
          },
          {
            name: 'Ventilated Cycling Helmet',
            price: '69.00',
            stock: 28,
            icon: 'helmet',
            tags: ['helmet', 'safety', 'ventilated'],
            description: 'Eighteen vents keep your head cool on hot climbs. A dial at the back makes the fit quick to adjust.',
          },
          {
            name: 'Cycling Squeeze Bottle',
            price: '8.99',
            stock: 190,
            icon: 'bottle',
            tags: ['bottle', 'cycling', 'bpa-free'],
            description: 'A soft, easy-squeeze 600 ml bottle with a self-sealing valve. Fits every standard bottle cage.',
          },
        ],
      },
    ],
  },
  {
    name: 'Toys & Games',
    code: 'TOYS',
    hue: 42,
    children: [
      {
        name: 'Puzzles & Board Games',
        code: 'PUZ',
        products: [
          {
            name: '1000-Piece Mountain Lake Jigsaw',
            price: '21.99',
            stock: 60,
            icon: 'puzzle',
            tags: ['jigsaw', '1000-pieces', 'landscape'],
            description:
              'A mirror-still alpine lake under snowy peaks, printed on thick board with a linen finish. Every piece is cut to fit snugly.',
          },
          {
            name: 'Harbour Traders Board Game',
            price: '39.99',
            stock: 45,
            icon: 'dice',
            featured: true,
            tags: ['board-game', 'strategy', 'family'],
            description:
              'Build a trading fleet, race to fill contracts and outwit your rivals in about an hour. Two to five players, ages ten and up.',
          },
          {
            name: 'Classic Wooden Dice Set',
            price: '9.50',
            stock: 150,
            icon: 'dice',
            tags: ['dice', 'wooden', 'travel'],
            description: 'Six smooth beech dice in a drawstring cotton bag. Perfect for family games and travel.',
          },
          {
            name: '500-Piece Night Sky Puzzle',
            price: '16.99',
            stock: 2,
            icon: 'puzzle',
            tags: ['jigsaw', '500-pieces', 'space'],
            description: 'A glowing field of stars over a quiet forest. A calm, satisfying puzzle for an evening in.',
          },
        ],
      },
      {
        name: 'Building Toys',
        code: 'BLD',
        products: [
          {
            name: 'Wooden Alphabet Blocks, 40 Pieces',
            price: '29.00',
            stock: 70,
            icon: 'blocks',
            tags: ['blocks', 'wooden', 'ages-2-plus'],
            description:
              'Chunky beech blocks painted with child-safe colours. Stack, sort and spell, then tidy everything away in the canvas bag.',
          },
          {
            name: 'Magnetic Building Tiles, 60 Pieces',
            price: '59.00',
            stock: 24,
            icon: 'blocks',
            tags: ['magnetic', 'stem', 'ages-3-plus'],
            description:
              'Translucent tiles that click together to build towers, castles and rockets. Strong magnets and rounded edges make building easy for small hands.',
          },
          {
            name: 'Build-a-Rocket Science Kit',
            price: '34.99',
            stock: 30,
            icon: 'rocket',
            tags: ['stem', 'science', 'ages-8-plus'],
            description:
              'Assemble and launch a water-powered rocket that climbs up to 30 metres. Illustrated instructions explain the physics along the way.',
          },
        ],
      },
      {
        name: 'Plush Toys',
        code: 'PLU',
        products: [
          {
            name: 'Cuddly Brown Teddy Bear',
            price: '24.99',
            stock: 88,
            icon: 'teddy',
            featured: true,
            tags: ['teddy', 'plush', 'gift'],
            description: 'A classic bear with soft, dense fur and a stitched smile. Safety-tested and machine-washable.',
          },
          {
            name: 'Mini Teddy Keyring',
            price: '6.50',
            stock: 200,
            icon: 'teddy',
            tags: ['keyring', 'plush', 'stocking-filler'],
            description: 'A pocket-sized bear on a sturdy clip for bags and keys. A small friend that goes everywhere.',
          },
          {
            name: 'Giant Cuddle Bear 80 cm',
            price: '79.00',
            stock: 0,
            icon: 'teddy',
            tags: ['teddy', 'giant', 'gift'],
            description: 'An enormous, huggable bear that sits as tall as a toddler. Filled with soft recycled fibre.',
          },
        ],
      },
    ],
  },
  {
    name: 'Beauty & Health',
    code: 'BEAU',
    hue: 182,
    children: [
      {
        name: 'Skincare',
        code: 'SKN',
        products: [
          {
            name: 'Hydrating Daily Moisturiser',
            price: '22.00',
            stock: 90,
            icon: 'jar',
            tags: ['moisturiser', 'hyaluronic-acid', 'fragrance-free'],
            description:
              'A light gel-cream with hyaluronic acid that sinks in fast and leaves no shine. Fragrance-free and gentle on sensitive skin.',
          },
          {
            name: 'Gentle Foaming Cleanser',
            price: '14.50',
            stock: 120,
            icon: 'pump-bottle',
            tags: ['cleanser', 'ph-balanced'],
            description:
              'A soft, airy foam that lifts away make-up and sunscreen without stripping the skin. pH-balanced for everyday use.',
          },
          {
            name: 'Mineral Sunscreen SPF 50',
            price: '18.00',
            stock: 4,
            icon: 'tube',
            tags: ['sunscreen', 'spf50', 'mineral'],
            description: 'Broad-spectrum zinc protection that blends in without a white cast. Water-resistant for 40 minutes.',
          },
          {
            name: 'Overnight Repair Cream',
            price: '36.00',
            stock: 40,
            icon: 'jar',
            tags: ['night-cream', 'peptides'],
            description:
              'A rich night cream with peptides and ceramides that restores moisture while you sleep. Wake up to softer, calmer skin.',
          },
        ],
      },
      {
        name: 'Hair Care',
        code: 'HAI',
        products: [
          {
            name: 'Argan Repair Shampoo',
            price: '12.99',
            stock: 130,
            icon: 'pump-bottle',
            tags: ['shampoo', 'argan-oil', 'sulphate-free'],
            description:
              'A sulphate-free shampoo with argan oil that cleans gently and tames frizz. Leaves hair soft with a light citrus scent.',
          },
          {
            name: 'Paddle Detangling Brush',
            price: '15.00',
            stock: 75,
            icon: 'brush',
            tags: ['brush', 'detangling'],
            description: 'Flexible bristles glide through knots without pulling. The cushioned paddle suits long and thick hair.',
          },
          {
            name: 'Nourishing Hair Mask',
            price: '19.99',
            stock: 50,
            icon: 'jar',
            tags: ['hair-mask', 'shea-butter'],
            description: 'A weekly treatment with shea butter and oat protein for dry or coloured hair. Five minutes is all it takes.',
          },
        ],
      },
      {
        name: 'Wellness',
        code: 'WEL',
        products: [
          {
            name: 'Sonic Electric Toothbrush',
            price: '49.00',
            stock: 36,
            icon: 'toothbrush',
            featured: true,
            tags: ['toothbrush', 'rechargeable', 'oral-care'],
            description:
              'Thirty thousand gentle strokes a minute and a two-minute timer for a dentist-clean feel. One charge lasts three weeks.',
          },
          {
            name: 'Lavender Sleep Candle',
            price: '21.00',
            stock: 0,
            icon: 'candle',
            tags: ['candle', 'lavender', 'relaxation'],
            description: 'A calming blend of lavender and chamomile in a reusable amber glass. Burns for about 40 hours.',
          },
          {
            name: 'Eucalyptus Bath Towel Set',
            price: '48.00',
            stock: 26,
            icon: 'towel',
            tags: ['towels', 'eucalyptus', 'set-of-2'],
            description: 'Two silky, quick-drying bath towels made from eucalyptus fibre. Soft on the skin and kind to the planet.',
          },
          {
            name: 'Travel Lip Balm Trio',
            price: '4.99',
            stock: 175,
            icon: 'tube',
            tags: ['lip-balm', 'travel', 'beeswax'],
            description: 'Three beeswax balms in mint, vanilla and unscented. Small enough for any pocket.',
          },
        ],
      },
    ],
  },
];

/**
 * The demo's search synonyms, each way a shopper may say it: what the term typed also finds. Words
 * the catalog does not use ("couch", "rucksack", British and American names) lead to ones it does.
 */
export const DEMO_SYNONYMS: { term: string; synonym: string }[] = [
  { term: 'tee', synonym: 't-shirt' },
  { term: 't-shirt', synonym: 'tee' },
  { term: 'couch', synonym: 'sofa' },
  { term: 'sofa', synonym: 'armchair' },
  { term: 'couch', synonym: 'armchair' },
  { term: 'trainers', synonym: 'sneakers' },
  { term: 'rucksack', synonym: 'backpack' },
  { term: 'rucksack', synonym: 'daypack' },
  { term: 'jumper', synonym: 'hoodie' },
  { term: 'sweatshirt', synonym: 'hoodie' },
  { term: 'laptop', synonym: 'ultrabook' },
  { term: 'phone', synonym: 'smartphone' },
  { term: 'cup', synonym: 'mug' },
  { term: 'sunblock', synonym: 'sunscreen' },
  { term: 'bicycle', synonym: 'bike' },
  { term: 'torch', synonym: 'lantern' },
];
