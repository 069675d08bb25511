import { z } from "zod";

/** A school as the district's reader picks it (GET /api/district/schools). */
export interface DistrictSchoolView {
  id: string;
  name: string;
  /** The school the reader's overview and reports show now. */
  chosen: boolean;
}

/** PUT /api/district/school: the school the reader reads from now on. */
export const ChooseSchoolSchema = z.object({ schoolId: z.string().min(1).max(64) });
export type ChooseSchool = z.infer<typeof ChooseSchoolSchema>;
