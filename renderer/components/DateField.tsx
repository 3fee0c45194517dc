import { DateInput, type DateInputProps } from '@mantine/dates';
import { isCivilDate } from '../../common/contracts';

/** Dates typed as YYYY-MM-DD (also 2024.5.20, 2024/5/20, 2024年5月20日) or picked from the calendar. */
export function DateField(props: DateInputProps) {
  return (
    <DateInput
      valueFormat="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      clearable
      dateParser={(v) => {
        const s = v.trim().replace(/[./年月]/g, '-').replace(/日$/, '');
        const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
        const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
        return isCivilDate(iso) ? iso : null;
      }}
      {...props}
    />
  );
}
