/** The cycle's three dates in a form: DatePickers validated as you type with the server's own order check. */
import { DatePicker, Form } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { type CycleDateField, cycleDateIssues } from "../../../../core/contracts/cycles.ts";

export type DateValues = Record<CycleDateField, Dayjs | null | undefined>;

export const toIso = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);
export const fromIso = (s: string | null | undefined) => (s ? dayjs(s) : null);

export function isoDates(v: Partial<DateValues>) {
  return {
    selfAssessmentOpens: toIso(v.selfAssessmentOpens),
    selfAssessmentCloses: toIso(v.selfAssessmentCloses),
    appraisalCloses: toIso(v.appraisalCloses),
  };
}

const FIELDS: { name: CycleDateField; deps: CycleDateField[] }[] = [
  { name: "selfAssessmentOpens", deps: [] },
  { name: "selfAssessmentCloses", deps: ["selfAssessmentOpens"] },
  { name: "appraisalCloses", deps: ["selfAssessmentOpens", "selfAssessmentCloses"] },
];

export function CycleDateFields() {
  const { t, i18n } = useTranslation("province");
  return (
    <>
      {FIELDS.map(({ name, deps }) => (
        <Form.Item
          key={name}
          name={name}
          label={t(`dates.${name}`)}
          dependencies={deps}
          rules={[
            ({ getFieldsValue }) => ({
              validator: async () => {
                const issue = cycleDateIssues(isoDates(getFieldsValue(true))).find((i) => i.field === name);
                if (issue) throw new Error(i18n.language === "en" ? issue.en : issue.vi);
              },
            }),
          ]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
      ))}
    </>
  );
}
