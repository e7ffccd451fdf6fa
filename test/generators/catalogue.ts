// Static reference data shaped like the classic Superstore order file: US ship-to places with their
// Superstore regions, a product catalogue with real-looking ids and names (commas and inch marks
// included, as in the real file), and name lists. Nothing here is random; the generators pick from it.

export type Region = 'West' | 'East' | 'Central' | 'South';

export interface Place {
  city: string;
  state: string;
  region: Region;
  /** Relative frequency as a ship-to place. */
  weight: number;
}

export const PLACES: readonly Place[] = [
  { city: 'New York City', state: 'New York', region: 'East', weight: 30 },
  { city: 'Los Angeles', state: 'California', region: 'West', weight: 25 },
  { city: 'Philadelphia', state: 'Pennsylvania', region: 'East', weight: 17 },
  { city: 'San Francisco', state: 'California', region: 'West', weight: 16 },
  { city: 'Seattle', state: 'Washington', region: 'West', weight: 14 },
  { city: 'Houston', state: 'Texas', region: 'Central', weight: 12 },
  { city: 'Chicago', state: 'Illinois', region: 'Central', weight: 10 },
  { city: 'Columbus', state: 'Ohio', region: 'East', weight: 4 },
  { city: 'Columbus', state: 'Georgia', region: 'South', weight: 1 },
  { city: 'San Diego', state: 'California', region: 'West', weight: 4 },
  { city: 'Springfield', state: 'Virginia', region: 'South', weight: 1 },
  { city: 'Springfield', state: 'Missouri', region: 'Central', weight: 1 },
  { city: 'Dallas', state: 'Texas', region: 'Central', weight: 4 },
  { city: 'Jacksonville', state: 'Florida', region: 'South', weight: 2 },
  { city: 'Detroit', state: 'Michigan', region: 'Central', weight: 2 },
  { city: 'Newark', state: 'Delaware', region: 'East', weight: 2 },
  { city: 'Richmond', state: 'Kentucky', region: 'South', weight: 1 },
  { city: 'Jackson', state: 'Mississippi', region: 'South', weight: 1 },
  { city: 'Jackson', state: 'Michigan', region: 'Central', weight: 1 },
  { city: 'Henderson', state: 'Kentucky', region: 'South', weight: 1 },
  { city: 'Fort Lauderdale', state: 'Florida', region: 'South', weight: 1 },
  { city: 'Orem', state: 'Utah', region: 'West', weight: 1 },
  { city: 'Aurora', state: 'Colorado', region: 'West', weight: 2 },
  { city: 'Washington', state: 'District of Columbia', region: 'East', weight: 1 },
  { city: 'Atlanta', state: 'Georgia', region: 'South', weight: 1 },
  { city: 'Minneapolis', state: 'Minnesota', region: 'Central', weight: 1 },
  { city: 'Boston', state: 'Massachusetts', region: 'East', weight: 1 },
  { city: 'Phoenix', state: 'Arizona', region: 'West', weight: 1 },
  { city: 'Madison', state: 'Wisconsin', region: 'Central', weight: 1 },
  { city: 'Charlotte', state: 'North Carolina', region: 'South', weight: 1 },
  { city: 'Providence', state: 'Rhode Island', region: 'East', weight: 1 },
  { city: 'Las Vegas', state: 'Nevada', region: 'West', weight: 1 },
  { city: 'Memphis', state: 'Tennessee', region: 'South', weight: 1 },
  { city: 'Portland', state: 'Oregon', region: 'West', weight: 1 },
  { city: 'Oklahoma City', state: 'Oklahoma', region: 'Central', weight: 1 },
];

export interface Product {
  id: string;
  category: 'Furniture' | 'Office Supplies' | 'Technology';
  subCategory: string;
  name: string;
  /** List price per unit in cents. */
  priceCents: number;
  /** Unit cost as thousandths of the list price (between 500 and 900). */
  costPermille: number;
  /** Relative popularity. */
  weight: number;
}

type Row = [
  id: string,
  subCategory: string,
  name: string,
  price: number,
  costPermille: number,
  weight: number,
];

const CATEGORY_BY_PREFIX = { FUR: 'Furniture', OFF: 'Office Supplies', TEC: 'Technology' } as const;

// [Product ID, Sub-Category, Product Name, list price in dollars, cost ‰ of list price, popularity]
// biome-ignore format: one product per line
const PRODUCT_ROWS: readonly Row[] = [
  ['FUR-BO-10001798', 'Bookcases', 'Bush Somerset Collection Bookcase', 130.98, 840, 3],
  ['FUR-BO-10004834', 'Bookcases', 'Riverside Palais Royal Lawyers Bookcase, Royale Cherry Finish', 440.49, 800, 1],
  ['FUR-BO-10002545', 'Bookcases', 'Atlantic Metals Mobile 3-Shelf Bookcases, Custom Colors', 133.1, 760, 2],
  ['FUR-CH-10000454', 'Chairs', 'Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back', 243.98, 710, 4],
  ['FUR-CH-10002774', 'Chairs', 'Global Deluxe Stacking Chair, Gray', 22.3, 780, 4],
  ['FUR-CH-10004218', 'Chairs', "Global Fabric Manager's Chair, Dark Gray", 119.99, 730, 3],
  ['FUR-CH-10000863', 'Chairs', 'Novimex Swivel Fabric Task Chair', 106.5, 820, 3],
  ['FUR-TA-10000577', 'Tables', 'Bretford CR4500 Series Slim Rectangular Table, Cherry', 348.21, 870, 2],
  ['FUR-TA-10001539', 'Tables', 'Chromcraft Rectangular Conference Tables', 236.97, 860, 2],
  ['FUR-TA-10004289', 'Tables', 'BoxOffice By Design Rectangular and Half-Moon Meeting Room Tables', 218.75, 880, 1],
  ['FUR-TA-10000198', 'Tables', 'Chromcraft Bull-Nose Wood Oval Conference Tables & Bases', 1103.97, 850, 0.25],
  ['FUR-FU-10001487', 'Furnishings', 'Eldon Expressions Wood and Plastic Desk Accessories, Cherry Wood', 6.98, 720, 8],
  ['FUR-FU-10000734', 'Furnishings', 'Eldon Expressions Wood Desk Accessories, Oak', 7.38, 700, 6],
  ['FUR-FU-10004864', 'Furnishings', 'Howard Miller 14-1/2" Diameter Chrome Round Wall Clock', 50.84, 650, 3],
  ['FUR-FU-10001290', 'Furnishings', 'Executive Impressions 14" Two-Color Numerals Wall Clock', 31.04, 660, 3],
  ['OFF-LA-10000240', 'Labels', 'Self-Adhesive Address Labels for Typewriters by Universal', 7.31, 540, 9],
  ['OFF-LA-10003223', 'Labels', 'Avery 508', 3.69, 530, 9],
  ['OFF-ST-10000760', 'Storage', "Eldon Fold 'N Roll Cart System", 13.98, 890, 6],
  ['OFF-ST-10004186', 'Storage', 'Stur-D-Stor Shelving, Vertical 5-Shelf: Heavy-Duty, Black', 166.72, 740, 3],
  ['OFF-ST-10000107', 'Storage', 'Fellowes Super Stor/Drawer', 55.98, 720, 5],
  ['OFF-AR-10002833', 'Art', 'Newell 322', 1.82, 720, 10],
  ['OFF-AR-10001683', 'Art', 'Lumber Crayons', 10.92, 640, 8],
  ['OFF-BI-10003910', 'Binders', 'DXL Angle-View Binders with Locking Rings by Samsill', 7.71, 660, 10],
  ['OFF-BI-10000756', 'Binders', 'Storex DuraTech Recycled Plastic Frosted Binders', 2.78, 650, 10],
  ['OFF-BI-10001525', 'Binders', 'Acco Pressboard Covers with Storage Hooks, 14 7/8" x 11", Executive Red', 6.49, 620, 8],
  ['OFF-BI-10003527', 'Binders', 'Fellowes PB500 Electric Punch Plastic Comb Binding Machine with Manual Bind', 1270.99, 560, 0.25],
  ['OFF-AP-10002892', 'Appliances', 'Belkin F9H710-06 7 Outlet SurgeMaster Surge Protector', 38.22, 720, 5],
  ['OFF-AP-10001492', 'Appliances', "Acco Six-Outlet Power Strip, 4' Cord Length", 15.76, 710, 6],
  ['OFF-AP-10002311', 'Appliances', 'Holmes Replacement Filter for HEPA Air Cleaner, Very Large Room, HEPA Filter', 68.81, 690, 3],
  ['OFF-PA-10002365', 'Paper', 'Xerox 1967', 6.48, 520, 12],
  ['OFF-PA-10000249', 'Paper', 'Easy-staple paper', 22.72, 530, 10],
  ['OFF-PA-10002005', 'Paper', 'Xerox 225', 6.48, 520, 12],
  ['OFF-PA-10004965', 'Paper', 'Post-it® Super Sticky Notes™, 3" x 3", Canary Yellow', 11.34, 560, 8],
  ['OFF-EN-10001509', 'Envelopes', 'Poly String Tie Envelopes', 2.04, 540, 7],
  ['OFF-FA-10000304', 'Fasteners', 'Advantus Push Pins', 4.57, 600, 7],
  ['OFF-SU-10001218', 'Supplies', 'Fiskars Softgrip Scissors', 10.96, 700, 5],
  ['OFF-SU-10002881', 'Supplies', 'Martin Yale Chadless Opener Electric Letter Opener', 1559.99, 900, 0.25],
  ['TEC-PH-10002275', 'Phones', 'Mitel 5320 IP Phone VoIP phone', 188.99, 880, 3],
  ['TEC-PH-10002033', 'Phones', 'Konftel 250 Conference phone - Charcoal black', 284.36, 750, 2],
  ['TEC-PH-10001949', 'Phones', 'Cisco SPA 501G IP Phone', 166.74, 740, 3],
  ['TEC-PH-10004977', 'Phones', 'GE 30524EE4', 391.98, 720, 2],
  ['TEC-AC-10002167', 'Accessories', 'Imation 8GB Mini TravelDrive USB 2.0 Flash Drive', 22.8, 600, 6],
  ['TEC-AC-10002049', 'Accessories', 'Logitech G19 Programmable Gaming Keyboard', 279.99, 700, 2],
  ['TEC-AC-10001284', 'Accessories', 'Enermax Briskie RF Wireless Keyboard and Mouse Combo', 62.31, 690, 4],
  ['TEC-AC-10003832', 'Accessories', 'Logitech® Wireless Mouse M325, Dark Silver', 29.99, 640, 5],
  ['TEC-MA-10002412', 'Machines', 'Cisco TelePresence System EX90 Videoconferencing Unit', 7546.16, 600, 0.25],
  ['TEC-MA-10000822', 'Machines', 'Lexmark MX611dhe Monochrome Laser Printer', 2039.99, 820, 0.25],
  ['TEC-MA-10001127', 'Machines', 'HP Designjet T520 Inkjet Large Format Printer - 24" - Color', 1499.99, 780, 0.25],
  ['TEC-CO-10004722', 'Copiers', 'Canon imageCLASS 2200 Advanced Copier', 3499.99, 550, 0.25],
  ['TEC-CO-10001449', 'Copiers', 'Hewlett Packard LaserJet 3310 Copier', 599.99, 570, 2],
];

export const PRODUCTS: readonly Product[] = PRODUCT_ROWS.map(
  ([id, subCategory, name, price, costPermille, weight]) => ({
    id,
    category: CATEGORY_BY_PREFIX[id.slice(0, 3) as keyof typeof CATEGORY_BY_PREFIX],
    subCategory,
    name,
    priceCents: Math.round(price * 100),
    costPermille,
    weight,
  }),
);

/** What big, money-losing accounts buy: expensive, thin-margin items (cost over 70% of list). */
export const LOSS_LEADER_PRODUCTS: readonly Product[] = PRODUCTS.filter(
  (p) => p.priceCents >= 20_000 && p.costPermille > 700,
);

export const SEGMENTS = [
  ['Consumer', 52],
  ['Corporate', 30],
  ['Home Office', 18],
] as const;
export type Segment = (typeof SEGMENTS)[number][0];

// A few accented names so non-UTF-8 encodings (windows-1252) carry bytes outside ASCII.
export const FIRST_NAMES: readonly string[] = [
  'Sean',
  'Claire',
  'Darrin',
  'Brosina',
  'Andrew',
  'Irene',
  'Harold',
  'Pete',
  'Alejandro',
  'Zuschuss',
  'Ken',
  'Sandra',
  'Emily',
  'Eric',
  'Tracy',
  'Matt',
  'Gene',
  'Steve',
  'Linda',
  'Ruben',
  'Erin',
  'Odella',
  'Patrick',
  'Lena',
  'Darren',
  'Janet',
  'Ted',
  'Kunst',
  'Dave',
  'Christopher',
  'Maria',
  'Hunter',
  'Mick',
  'Adrian',
  'Tamara',
  'Raymond',
  'Nora',
  'Becky',
  'Greg',
  'Katrina',
  'Tom',
  'Jonathan',
  'Sally',
  'Chloé',
  'José',
  'Zoë',
  'Françoise',
  'Renée',
  'Anaïs',
  'Björn',
  'Ramón',
  'Noémie',
  'Helen',
  'Paul',
  'Frank',
  'Jill',
  'Ann',
  'Dan',
  'Kelly',
  'Aaron',
  'Roy',
];

export const LAST_NAMES: readonly string[] = [
  'Miller',
  'Gute',
  'Van Huff',
  'Hoffman',
  'Allen',
  'Maddox',
  'Pawlan',
  'Kriz',
  'Grove',
  'Carlisle',
  'Lonsdale',
  'Flanagan',
  'Phillips',
  'Hoffmann',
  'Blumstein',
  'Abelman',
  'Hale',
  'Nguyen',
  'Cazes',
  "O'Briant",
  'Smith',
  'Jones',
  'Yedwab',
  'Lopez',
  'Andreasen',
  'Schnelling',
  'Jernigan',
  'Fisher',
  'Ashbrook',
  'Dunlap',
  'Rawles',
  'Wheeler',
  'Bartlett',
  'Van Patten',
  'Kennedy',
  'Baker',
  'Zandusky',
  'Shillingsburg',
  'Bosch',
  'Ritter',
  'Weirich',
  'Mitchum',
  'Reid',
  'Thompson',
  'Núñez',
  'Müller',
  'Lefèvre',
  'Söderberg',
  'García',
  'Dubois',
  'Ruiz',
  'Knight',
  'Lee',
  'Chen',
  'Wang',
  'Singh',
  'Patel',
  'Kim',
  'Park',
  'Sato',
  'Ortiz',
  'Stewart',
  'Hart',
  'Ross',
  'Price',
  'Wood',
  'Cole',
];

/** Fictional companies (Microsoft's sample names) so Corporate contacts have work-email domains. */
export const COMPANY_DOMAINS: readonly string[] = [
  'contoso.com',
  'fabrikam.com',
  'northwindtraders.com',
  'adventure-works.com',
  'tailspintoys.com',
  'wingtiptoys.com',
  'litwareinc.com',
  'proseware.com',
  'woodgrovebank.com',
  'alpineskihouse.com',
  'blueyonderairlines.com',
  'cohowinery.com',
  'fourthcoffee.com',
  'lucernepublishing.com',
  'margiestravel.com',
  'treyresearch.net',
  'wideworldimporters.com',
  'humongousinsurance.com',
  'adatum.com',
  'relecloud.com',
  'consolidatedmessenger.com',
  'southridgevideo.com',
  'lamnahealthcare.com',
  'fineartschool.net',
  'graphicdesigninstitute.com',
  'cpandl.com',
];

export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'aol.com',
];

export const JOB_TITLES: readonly string[] = [
  'Office Manager',
  'Purchasing Manager',
  'Procurement Lead',
  'Facilities Coordinator',
  'Operations Director',
  'Owner',
  'Head of IT',
  'Executive Assistant',
  'CFO',
  'Marketing Manager',
  'Account Executive',
];

/** US area codes used for synthetic phone numbers (the 555 exchange keeps them fictional). */
export const AREA_CODES: readonly string[] = [
  '212',
  '213',
  '215',
  '312',
  '415',
  '206',
  '713',
  '617',
  '404',
  '305',
  '503',
  '602',
];
