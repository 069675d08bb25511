import { describe, expect, it } from "vitest";
import { notAuthorisedPhotoStem, photoStem, uploadedImageExtension } from "../../server/photos/photo-names";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);

describe("photo names", () => {
  it("a not-authorised adult's file is named by child and entry, and never shared by two entries", () => {
    expect(notAuthorisedPhotoStem("20250101", "na-1")).toBe("barred-20250101-na-1");
    const long = "c".repeat(60);
    const first = notAuthorisedPhotoStem(long, "na-1");
    expect(first).toMatch(/^barred-[0-9a-f]{40}$/);
    expect(notAuthorisedPhotoStem(long, "na-2")).not.toBe(first);
    expect(notAuthorisedPhotoStem("C.1", "na-1")).not.toBe(notAuthorisedPhotoStem("c_1", "na-1"));
    expect(notAuthorisedPhotoStem("C.1", "na-1")).not.toBe(photoStem("child", "c.1"));
  });

  it("an upload is an image only when its bytes are the type it declares", () => {
    expect(uploadedImageExtension("image/png; charset=binary", PNG)).toBe("png");
    expect(uploadedImageExtension("image/jpeg", PNG)).toBeUndefined();
    expect(uploadedImageExtension("image/png", Buffer.alloc(0))).toBeUndefined();
    expect(uploadedImageExtension(undefined, PNG)).toBeUndefined();
    expect(uploadedImageExtension("image/png", "not a buffer")).toBeUndefined();
  });
});
