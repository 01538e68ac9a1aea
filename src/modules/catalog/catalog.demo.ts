import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Bundle, BundleItem } from './bundle.entity';
import { ProductLine } from './product-line.entity';
import { Product } from './product.entity';

const LINES = [
  {
    code: 'industrial-sensors',
    name: 'Industrial sensors',
    description: 'Pressure, flow and temperature sensors',
  },
  {
    code: 'flow-valves',
    name: 'Flow control valves',
    description: 'Control and shut-off valves for process lines',
  },
  { code: 'plc-controllers', name: 'PLC controllers', description: 'Programmable logic controllers and I/O' },
  { code: 'iiot-platform', name: 'Industrial IoT platform', description: 'Gateways and monitoring software' },
] as const;

/** [line code, sku, name, currency, list, floor] — minor units (fen, fillér, cent). */
const PRODUCTS: [string, string, string, string, number, number][] = [
  ['industrial-sensors', 'PS-200-CN', 'Pressure sensor PS-200', 'CNY', 128_000, 99_000],
  ['industrial-sensors', 'TS-80-CN', 'Temperature sensor TS-80', 'CNY', 46_000, 35_000],
  ['industrial-sensors', 'PS-200-HU', 'Nyomásérzékelő PS-200', 'HUF', 5_900_000, 4_800_000],
  ['flow-valves', 'FV-50-CN', 'Control valve FV-50', 'CNY', 215_000, 170_000],
  ['flow-valves', 'FV-50-EU', 'Control valve FV-50', 'EUR', 2_950_00, 2_400_00],
  ['plc-controllers', 'PLC-X1-CN', 'PLC X1 controller', 'CNY', 389_000, 310_000],
  ['plc-controllers', 'PLC-X1-EU', 'PLC X1 controller', 'EUR', 5_200_00, 4_300_00],
  ['iiot-platform', 'GW-10-CN', 'IIoT gateway GW-10', 'CNY', 69_000, 52_000],
  ['iiot-platform', 'MON-SAAS-EU', 'Line monitoring, yearly licence', 'EUR', 1_800_00, 1_200_00],
];

/** The demo catalog: four product lines, nine products in CNY, HUF and EUR, one bundle. */
@Injectable()
export class CatalogDemoSeeder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns product line ids by code; does nothing (but read) when product lines exist already. */
  async seedDemoCatalog(): Promise<Map<string, string>> {
    return this.dataSource.transaction(async (em) => {
      if ((await em.count(ProductLine)) === 0) {
        const lines = await em.insert(
          ProductLine,
          LINES.map((line) => ({ ...line })),
        );
        const lineIds = new Map<string, string>(
          LINES.map((line, i) => [line.code, String(lines.identifiers[i].id)]),
        );
        const products = await em.insert(
          Product,
          PRODUCTS.map(([line, sku, name, currency, listPriceMinor, floorPriceMinor]) => ({
            productLineId: lineIds.get(line)!,
            sku,
            name,
            currency,
            listPriceMinor,
            floorPriceMinor,
          })),
        );
        const productIds = new Map(PRODUCTS.map(([, sku], i) => [sku, String(products.identifiers[i].id)]));
        // Floor sum: 2 × 99 000 + 170 000 + 52 000 = 420 000; priced above it.
        const bundle = await em.insert(Bundle, {
          sku: 'LINE-MONITOR-KIT-CN',
          name: 'Line monitoring kit',
          currency: 'CNY',
          priceMinor: 468_000,
        });
        await em.insert(
          BundleItem,
          [
            ['PS-200-CN', 2],
            ['FV-50-CN', 1],
            ['GW-10-CN', 1],
          ].map(([sku, quantity]) => ({
            bundleId: String(bundle.identifiers[0].id),
            productId: productIds.get(sku as string)!,
            quantity: quantity as number,
          })),
        );
      }
      const rows = await em.find(ProductLine);
      return new Map(rows.map((row) => [row.code, row.id]));
    });
  }
}
