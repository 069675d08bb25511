/** The admin screen's photo control (admin/admin-photo.ts). */
export const photoZh = {
  photos: {
    title: "照片（门岗核对用）",
    hint: "JPEG、PNG 或 WebP，最大 2 MB。只存在本校服务器上，登录后才能查看。",
    child: "孩子",
    upload: "上传照片",
    remove: "删除照片",
    uploaded: "照片已保存",
    removed: "照片已删除",
    tooLarge: "照片超过 2 MB",
  },
};
export type PhotoCatalogue = typeof photoZh;
