import ExcelJS from 'exceljs';

/** Loads xlsx bytes back with exceljs, as a spreadsheet program would open them. */
export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}
