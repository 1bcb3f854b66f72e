/** The shared file store: see README.md. */
export { contentDisposition, type MultipartBody, readMultipart, sendStoredFile } from './http.js';
export {
  checkUpload,
  cleanFilename,
  detectMediaType,
  FILE_LIMITS,
  type FileLimits,
  type UploadedFile,
} from './limits.js';
export {
  deleteFilesOf,
  listFiles,
  readStoredFile,
  type StoredFileMeta,
  type StoreFileInput,
  storeFile,
} from './store.js';
