/**
 * The fixed list of industries that agreements, reps and leads refer to by code. A code list rather
 * than a table: the set changes with a release, and every module can validate against it without a
 * query.
 */
export const INDUSTRIES = [
  { code: 'manufacturing', name: 'Manufacturing' },
  { code: 'automotive', name: 'Automotive' },
  { code: 'chemicals', name: 'Chemicals' },
  { code: 'electronics', name: 'Electronics' },
  { code: 'energy', name: 'Energy and utilities' },
  { code: 'construction', name: 'Construction' },
  { code: 'retail', name: 'Retail' },
  { code: 'wholesale', name: 'Wholesale and distribution' },
  { code: 'logistics', name: 'Transport and logistics' },
  { code: 'food_beverage', name: 'Food and beverage' },
  { code: 'agriculture', name: 'Agriculture' },
  { code: 'healthcare', name: 'Healthcare' },
  { code: 'pharma', name: 'Pharmaceuticals' },
  { code: 'finance', name: 'Banking and finance' },
  { code: 'technology', name: 'Software and IT' },
  { code: 'telecom', name: 'Telecommunications' },
  { code: 'education', name: 'Education' },
  { code: 'hospitality', name: 'Hospitality' },
  { code: 'real_estate', name: 'Real estate' },
  { code: 'public_sector', name: 'Public sector' },
] as const;

export type IndustryCode = (typeof INDUSTRIES)[number]['code'];

export const INDUSTRY_CODES: readonly string[] = INDUSTRIES.map((industry) => industry.code);
