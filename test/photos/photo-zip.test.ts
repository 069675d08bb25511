import { describe, expect, it } from "vitest";
import type { SchoolRoster } from "../../server/domain/entities";
import { importPhotoZip, previewPhotoZip } from "../../server/photos/photo-import";
import { PHOTO_ZIP_LIMITS } from "../../server/photos/photo-zip";
import type { PhotoExtension, PhotoFiles } from "../../server/ports/photos";
import { createMemoryStore } from "../../server/store/lowdb-store";
import { emptyDb } from "../../server/store/schema";
import { IMAGE_BYTES, makeZip } from "../support/zip-writer";

function school() {
  const db = emptyDb();
  db.rooms.push({ id: "r1", name: "101" });
  db.groups.push({ id: "g1", name: "一年级", roomId: "r1", capacity: 30 });
  db.children.push(
    { id: "20250101", name: "张小明", grade: 1, className: "1班", groupId: "g1" },
    {
      id: "20250102",
      name: "王子涵",
      grade: 1,
      className: "1班",
      groupId: "g1",
      photo: "/api/photos/child-20250102.jpg",
    },
  );
  db.guardians.push(
    { id: "gd1", name: "张丽", phone: "139 0000-1111" },
    { id: "gd2", name: "王强", phone: "13900002222" },
    { id: "gd3", name: "王强的哥哥", phone: "13900002222" },
  );
  return createMemoryStore(db);
}

function memoryPhotos(): PhotoFiles & { saved: Map<string, Buffer> } {
  const saved = new Map<string, Buffer>();
  return {
    saved,
    readPhoto: async (file) => saved.get(file),
    async savePhoto(stem: string, ext: PhotoExtension, bytes: Buffer) {
      saved.set(`${stem}.${ext}`, bytes);
      return `${stem}.${ext}`;
    },
    removePhotos: async () => undefined,
  };
}

describe("bulk photo import: preview", () => {
  it("matches student numbers and guardian phones, by magic bytes whatever the extension", async () => {
    const zip = makeZip([
      { name: "photos/20250101.jpg", data: IMAGE_BYTES.jpg },
      { name: "20250102.JPG", data: IMAGE_BYTES.png },
      { name: "13900001111.webp", data: IMAGE_BYTES.webp },
      { name: "photos/", data: Buffer.alloc(0) },
      { name: "__MACOSX/._20250101.jpg", data: Buffer.from("resource fork") },
    ]);
    const preview = await previewPhotoZip(school(), zip);
    expect(preview.matches).toEqual([
      { file: "photos/20250101.jpg", kind: "child", id: "20250101", name: "张小明", replaces: false },
      { file: "20250102.JPG", kind: "child", id: "20250102", name: "王子涵", replaces: true },
      { file: "13900001111.webp", kind: "guardian", id: "gd1", name: "张丽", replaces: false },
    ]);
    expect(preview.misses).toEqual([]);
  });

  it("lists every miss with its reason", async () => {
    const zip = makeZip([
      { name: "20259999.jpg", data: IMAGE_BYTES.jpg },
      { name: "13900002222.jpg", data: IMAGE_BYTES.jpg },
      { name: "20250101.png", data: IMAGE_BYTES.png },
      { name: "20250101 (2).jpg", data: IMAGE_BYTES.jpg },
      { name: "20250101-copy.jpg", data: IMAGE_BYTES.jpg },
      { name: "20250102.jpg", data: Buffer.from("<html>not a photo</html>") },
      { name: "20250101.jpeg", data: IMAGE_BYTES.jpg },
    ]);
    const { matches, misses } = await previewPhotoZip(school(), zip);
    expect(matches.map((m) => m.file)).toEqual(["20250101.png"]);
    expect(misses).toEqual([
      { file: "20259999.jpg", reason: "no_match" },
      { file: "13900002222.jpg", reason: "ambiguous" },
      { file: "20250101 (2).jpg", reason: "no_match" },
      { file: "20250101-copy.jpg", reason: "no_match" },
      { file: "20250102.jpg", reason: "not_image" },
      { file: "20250101.jpeg", reason: "duplicate" },
    ]);
  });

  it("a bomb is refused by its declared sizes before anything is inflated", async () => {
    const zeros = Buffer.alloc(1024 * 1024);
    // Each 1 MB of zeros deflates to about 1 KB; together they are over the total allowed.
    const bomb = makeZip([1, 2, 3, 4].map((i) => ({ name: `2025010${i}.jpg`, data: zeros })));
    const limits = { ...PHOTO_ZIP_LIMITS, totalBytes: 3 * 1024 * 1024 };
    await expect(previewPhotoZip(school(), bomb, limits)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { reason: "zip_too_large" },
    });
    const many = makeZip(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.jpg`, data: IMAGE_BYTES.jpg })));
    await expect(previewPhotoZip(school(), many, { ...limits, entries: 10 })).rejects.toMatchObject({
      details: { reason: "too_many_files" },
    });
    await expect(previewPhotoZip(school(), Buffer.from("PK\x03\x04 not a zip"))).rejects.toMatchObject({
      details: { reason: "not_zip" },
    });
  });

  it("one file over 2 MB is a miss; one whose directory lies about its size is unreadable", async () => {
    const big = Buffer.concat([IMAGE_BYTES.jpg, Buffer.alloc(3 * 1024 * 1024)]);
    const zip = makeZip([
      { name: "20250101.jpg", data: big },
      { name: "20250102.jpg", data: big, declaredSize: 1000 },
    ]);
    expect((await previewPhotoZip(school(), zip)).misses).toEqual([
      { file: "20250101.jpg", reason: "too_large" },
      { file: "20250102.jpg", reason: "unreadable" },
    ]);
  });
});

describe("bulk photo import: apply", () => {
  it("stores each match through PhotoFiles and RosterWriter.setPhoto, by its real type", async () => {
    const store = school();
    const photos = memoryPhotos();
    const zip = makeZip([
      { name: "20250101.jpg", data: IMAGE_BYTES.png },
      { name: "13900001111.jpg", data: IMAGE_BYTES.jpg },
      { name: "nobody.jpg", data: IMAGE_BYTES.jpg },
    ]);
    const result = await importPhotoZip(store, photos, zip);
    expect(result.saved).toBe(2);
    expect(result.misses).toEqual([{ file: "nobody.jpg", reason: "no_match" }]);
    expect([...photos.saved.keys()]).toEqual(["child-20250101.png", "guardian-gd1.jpg"]);
    const roster: SchoolRoster = store.schoolRoster();
    expect(roster.children.find((c) => c.id === "20250101")?.photo).toBe("/api/photos/child-20250101.png");
    expect(roster.guardians.find((g) => g.id === "gd1")?.photo).toBe("/api/photos/guardian-gd1.jpg");
  });
});
