import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { uploadDocumentWithProgress, type UploadKind } from '../case-page/case-page-api';

/** One file chosen for upload (held by the form's parent, sent when the form is). */
export function OneFile({ files, onChange, choose }: { files: UploadFile[]; onChange: (files: UploadFile[]) => void; choose: string }) {
  return (
    <Upload fileList={files} maxCount={1} beforeUpload={() => false} onChange={({ fileList }) => onChange(fileList.slice(-1))}>
      <Button icon={<UploadOutlined aria-hidden />}>{choose}</Button>
    </Upload>
  );
}

/**
 * Uploads the chosen file as a document of the case that every party (and, once lodged, the court)
 * can see: proof of performance and supplements to the court must be visible to the other side.
 */
export async function uploadForAll(caseId: string, file: UploadFile, kind: UploadKind, idempotencyKey: string): Promise<string> {
  const doc = await uploadDocumentWithProgress({ caseId, file: file.originFileObj!, kind, visibility: 'all_parties', idempotencyKey, onProgress: () => undefined });
  return doc.id;
}
