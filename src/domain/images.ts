// The image catalogue of DESIGN.md, each with the OS family the guest renderers key on.

export type OsFamily = 'aliyun' | 'centos' | 'ubuntu' | 'debian' | 'sles' | 'windows'

export interface Image {
  readonly imageId: string
  readonly osName: string
  readonly osType: 'linux' | 'windows'
  readonly family: OsFamily
}

export const IMAGES: readonly Image[] = [
  {
    imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
    osName: 'Alibaba Cloud Linux 3.2104 LTS 64 bit',
    osType: 'linux',
    family: 'aliyun',
  },
  {
    imageId: 'centos_7_9_x64_20G_alibase_20240628.vhd',
    osName: 'CentOS 7.9 64 bit',
    osType: 'linux',
    family: 'centos',
  },
  {
    imageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
    osName: 'Ubuntu 22.04 64 bit',
    osType: 'linux',
    family: 'ubuntu',
  },
  {
    imageId: 'debian_12_6_x64_20G_alibase_20240823.vhd',
    osName: 'Debian 12.6 64 bit',
    osType: 'linux',
    family: 'debian',
  },
  {
    imageId: 'sles_15_sp6_x64_20G_alibase_20240808.vhd',
    osName: 'SUSE Linux Enterprise Server 15 SP6 64 bit',
    osType: 'linux',
    family: 'sles',
  },
  {
    imageId: 'win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd',
    osName: 'Windows Server 2022 Datacenter 64 bit English',
    osType: 'windows',
    family: 'windows',
  },
]

const BY_ID = new Map(IMAGES.map((i) => [i.imageId, i]))

export function findImage(id: string): Image | undefined {
  return BY_ID.get(id)
}
